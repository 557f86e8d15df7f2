//! Reads flowchart text into what its statements say, as Mermaid 12's
//! parser (flow.jison) reads it: the vertices in order of first
//! appearance (each with its subgraph's title), the links, `class`
//! statements, subgraph ids, what was
//! skipped as decoration, and `%% migraflow:` comments. Meaning (kinds,
//! tags, ids) is the importer's.
//!
//! Accepted, statement by statement (statements end at a line break or `;`):
//! - optional YAML front matter `---` … `---` (its `title:` is kept), then
//!   blank lines, `%%` comments and `%%{…}%%` directives, then the header
//!   `flowchart` | `graph` | `flowchart-elk` with an optional direction
//!   `TB` `TD` `BT` `RL` `LR` (or the old `<` `>` `^` `v`);
//! - chains `a --> b -.-> c` of node groups `a & b`, each node an id (see
//!   [`super::lexer`]) with an optional shape and label (see
//!   [`super::shape`]), `:::class`, and a Mermaid 11 `@{ shape: …, label:
//!   … }` block ([`super::shape_data`]; other keys are decoration); links
//!   as in [`super::link`], optionally with a Mermaid 11 edge id (`e1@-->`).
//!   A link may begin on the line after its source and its target on the
//!   line after it (`a -->` / `b`), as Mermaid's link token takes the line
//!   breaks around it;
//! - `class a,b name1,name2`;
//! - `subgraph …` (its title ends at `;` or the line's end) / `end` (must
//!   balance; the title is the group of the nodes mentioned in between),
//!   `direction …`;
//! - decoration, skipped and recorded in [`Flowchart::skipped`]: `style`
//!   (which, as in Mermaid, makes a vertex of an id not seen before),
//!   `classDef`, `linkStyle`, `click`, `accTitle`, `accDescr` (a `{…}`
//!   block may span lines), an edge's `id@{…}` block (an id written
//!   `e1@-->` or Mermaid's own `L_a_b_0` for the first `a --> b`);
//! - `%%` comments, also after a statement.
//!
//! Refused with a position and a hint: anything else, in particular other
//! diagram types, a space between an id and its shape, unclosed labels,
//! texts, `@{…}` blocks and subgraphs, and inputs beyond the limits of
//! [`super::limits`].

use super::escape::decode_label;
use super::lexer::{id_len, Cursor};
use super::limits::{MAX_IMPORT_EDGES, MAX_IMPORT_NODES};
use super::link::{self, LinkStyle};
use super::metadata::MARKER;
use super::palette;
use super::shape::{self, Role};
use super::MermaidError;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

/// Everything the statements of a flowchart say.
#[derive(Debug, Default)]
pub(super) struct Flowchart<'a> {
    /// `title:` from the front matter.
    pub title: Option<String>,
    pub nodes: Vec<ParsedNode<'a>>,
    pub links: Vec<ParsedLink>,
    pub class_statements: Vec<ClassStatement<'a>>,
    pub subgraph_ids: Vec<&'a str>,
    pub metadata: Vec<MetaComment<'a>>,
    /// The header's direction flows down (`TB`, `TD`, `BT`, `v`, `^`).
    pub vertical: bool,
    /// Whether the header names a direction at all (an edited text without
    /// one keeps the document's, see [`super::edit_text`]).
    pub directed: bool,
    /// What was read and left out, with its line.
    pub skipped: Vec<(usize, Decoration)>,
}

/// Statements and parts of them that draw but mean nothing in a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Decoration {
    Style,
    /// A `classDef` of a class the exporter does not write.
    ClassDef,
    LinkStyle,
    Click,
    Accessibility,
    /// Keys of a node's `@{…}` block other than `shape` and `label`.
    NodeData,
    /// An edge's `@{…}` block (animation, curve).
    EdgeData,
}

/// A node as written: its last shape and label win.
#[derive(Debug)]
pub(super) struct ParsedNode<'a> {
    pub id: &'a str,
    /// Where it first appears.
    pub line: usize,
    /// What its shape means; `None` while no shape was given.
    pub role: Option<Role>,
    pub label: Option<String>,
    /// Classes given with `:::`.
    pub classes: Vec<&'a str>,
    /// The title of the subgraph it belongs to: the first to close of
    /// those that mention it, as in Mermaid (the innermost, when nested).
    pub group: Option<String>,
}

/// One edge as written; `&` groups are already expanded into pairs.
#[derive(Debug)]
pub(super) struct ParsedLink {
    /// Index into [`Flowchart::nodes`].
    pub from: usize,
    pub to: usize,
    pub style: LinkStyle,
    pub text: String,
    /// A head at both ends (`<-->`).
    pub both_ends: bool,
    pub line: usize,
}

#[derive(Debug)]
pub(super) struct ClassStatement<'a> {
    pub ids: Vec<&'a str>,
    pub classes: Vec<&'a str>,
    pub line: usize,
}

/// A `%% migraflow: {…}` line: its JSON and where that JSON starts.
#[derive(Debug)]
pub(super) struct MetaComment<'a> {
    pub json: &'a str,
    pub line: usize,
    pub column: usize,
}

/// Other Mermaid diagram types, named in the error for a text that is not
/// a flowchart.
const OTHER_DIAGRAMS: &[&str] = &[
    "sequenceDiagram",
    "stateDiagram",
    "stateDiagram-v2",
    "classDiagram",
    "classDiagram-v2",
    "erDiagram",
    "gantt",
    "pie",
    "journey",
    "gitGraph",
    "mindmap",
    "timeline",
    "quadrantChart",
    "requirementDiagram",
    "C4Context",
    "sankey-beta",
    "xychart-beta",
    "block-beta",
    "packet-beta",
    "architecture-beta",
    "kanban",
];

const DIRECTIONS: &[&str] = &["TB", "TD", "BT", "RL", "LR", "<", ">", "^", "v"];

/// The text with `\r\n` and lone `\r` turned into `\n` (as Mermaid does)
/// and a leading byte-order mark removed.
pub(super) fn normalise(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Parses normalised text (see [`normalise`]).
pub(super) fn parse(text: &str) -> Result<Flowchart<'_>, MermaidError> {
    let mut parser = Parser {
        cursor: Cursor::new(text),
        chart: Flowchart::default(),
        node_index: FxHashMap::default(),
        open_subgraphs: Vec::new(),
        edge_ids: FxHashSet::default(),
        pair_links: FxHashMap::default(),
    };
    parser.front_matter()?;
    parser.skip_trivia()?;
    parser.header()?;
    loop {
        parser.skip_trivia()?;
        if parser.cursor.at_end() {
            break;
        }
        parser.statement()?;
        parser.end_of_statement()?;
    }
    if let Some(open) = parser.open_subgraphs.last() {
        return Err(parser.cursor.error(
            format!("the subgraph opened on line {} is never closed", open.line),
            "close it with a line `end`",
        ));
    }
    Ok(parser.chart)
}

/// A `subgraph` statement whose `end` is still to come.
struct OpenSubgraph {
    line: usize,
    /// Its decoded title; empty gives its nodes no group.
    title: String,
    /// The nodes mentioned inside it so far (indices into the chart's).
    members: Vec<usize>,
}

struct Parser<'a> {
    cursor: Cursor<'a>,
    chart: Flowchart<'a>,
    /// Node id → index into `chart.nodes`.
    node_index: FxHashMap<&'a str, usize>,
    /// The `subgraph` statements not yet closed, innermost last.
    open_subgraphs: Vec<OpenSubgraph>,
    /// Every edge's id as Mermaid names it (`e1` from `e1@-->`, else
    /// `L_a_b_0`), so that an `e1@{…}` statement is known for an edge's.
    edge_ids: FxHashSet<String>,
    /// How many links there are so far from one vertex to another, which
    /// Mermaid's edge names count.
    pair_links: FxHashMap<(usize, usize), usize>,
}

impl<'a> Parser<'a> {
    fn front_matter(&mut self) -> Result<(), MermaidError> {
        let cursor = &mut self.cursor;
        if !cursor.rest().starts_with("---") {
            return Ok(());
        }
        let open_at = cursor.pos();
        cursor.rest_of_line();
        loop {
            if !cursor.eat("\n") {
                return Err(cursor.error_at(
                    open_at,
                    "the front matter opened here is never closed",
                    "end it with a line `---`",
                ));
            }
            let line = cursor.rest_of_line().trim();
            if line == "---" {
                return Ok(());
            }
            if let Some(title) = line.strip_prefix("title:") {
                let title = title.trim();
                let unquoted = [('"', '"'), ('\'', '\'')]
                    .iter()
                    .find_map(|&(open, close)| title.strip_prefix(open)?.strip_suffix(close));
                self.chart.title = Some(unquoted.unwrap_or(title).to_owned());
            }
        }
    }

    /// Skips line breaks, blanks, `;`, comments and directives.
    fn skip_trivia(&mut self) -> Result<(), MermaidError> {
        loop {
            self.cursor.take_while(|c| c == ';' || c.is_whitespace());
            if !self.cursor.rest().starts_with("%%") {
                return Ok(());
            }
            self.comment()?;
        }
    }

    /// A `%%` comment or `%%{…}%%` directive; records metadata lines.
    fn comment(&mut self) -> Result<(), MermaidError> {
        let cursor = &mut self.cursor;
        let open_at = cursor.pos();
        cursor.eat("%%");
        if cursor.rest().starts_with('{') {
            return match cursor.until("}%%", true) {
                Some(_) => Ok(()),
                None => Err(cursor.error_at(
                    open_at,
                    "this directive is never closed",
                    "end it with `}%%`",
                )),
            };
        }
        cursor.skip_blanks();
        if cursor.eat(MARKER) {
            cursor.skip_blanks();
            let (line, column) = (cursor.line(), cursor.column());
            let json = cursor.rest_of_line().trim_end();
            self.chart.metadata.push(MetaComment { json, line, column });
        } else {
            cursor.rest_of_line();
        }
        Ok(())
    }

    fn header(&mut self) -> Result<(), MermaidError> {
        let cursor = &mut self.cursor;
        let at = cursor.pos();
        let word = cursor.take_while(|c| !c.is_whitespace() && c != ';');
        match word {
            "flowchart" | "graph" | "flowchart-elk" => {}
            "" => {
                return Err(cursor.error_at(
                    at,
                    "the text has no diagram",
                    "start with a header such as `flowchart LR`",
                ))
            }
            _ if OTHER_DIAGRAMS.contains(&word) => {
                return Err(cursor.error_at(
                    at,
                    format!("this is a `{word}`, not a flowchart"),
                    "migraflow imports Mermaid flowcharts (`flowchart LR`, `graph TD`)",
                ))
            }
            _ => {
                return Err(cursor.error_at(
                    at,
                    format!("expected `flowchart` or `graph`, found `{word}`"),
                    "start with a header such as `flowchart LR`",
                ))
            }
        }
        cursor.skip_blanks();
        let direction_at = cursor.pos();
        let direction = cursor.take_while(|c| !c.is_whitespace() && c != ';');
        if !direction.is_empty() && !DIRECTIONS.contains(&direction) {
            return Err(cursor.error_at(
                direction_at,
                format!("unknown direction `{direction}`"),
                "use TB, TD, BT, LR or RL",
            ));
        }
        self.chart.vertical = matches!(direction, "TB" | "TD" | "BT" | "v" | "^");
        self.chart.directed = !direction.is_empty();
        self.end_of_statement()
    }

    /// After a statement: blanks, then a line break, `;`, a comment or the end.
    fn end_of_statement(&mut self) -> Result<(), MermaidError> {
        let cursor = &mut self.cursor;
        cursor.skip_blanks();
        if cursor.at_end() || cursor.eat("\n") || cursor.eat(";") || cursor.rest().starts_with("%%")
        {
            return Ok(());
        }
        let hint = match cursor.peek() {
            Some('[' | '(' | '{' | '>') => "write the shape right after the id, without a space: `id[Text]`",
            Some('-') => "a single `-` is not a link: write `-->` for a forward edge",
            _ => "expected a link such as `-->`, or the end of the statement; separate statements with a line break or `;`",
        };
        Err(cursor.error(format!("unexpected {}", cursor.describe_next()), hint))
    }

    fn statement(&mut self) -> Result<(), MermaidError> {
        let rest = self.cursor.rest();
        let line = self.cursor.line();
        // Only once an edge exists can a statement be about one.
        let edge_properties = !self.edge_ids.is_empty() && {
            let id_end = id_len(rest);
            rest[id_end..].starts_with("@{") && self.edge_ids.contains(&rest[..id_end])
        };
        if edge_properties {
            self.cursor.advance(id_len(rest));
            self.cursor.shape_data()?;
            self.chart.skipped.push((line, Decoration::EdgeData));
            return Ok(());
        }
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let after = rest[word_len..].chars().next();
        let blank = matches!(after, Some(' ' | '\t'));
        let ends = after.is_none_or(|c| c.is_whitespace() || c == ';');
        let decoration = match &rest[..word_len] {
            "subgraph" if ends => return self.subgraph(),
            "end" if ends => return self.end(),
            "class" if blank => return self.class_statement(),
            "style" if blank => return self.style(),
            "accDescr" if blank || matches!(after, Some(':' | '{')) => return self.acc_descr(),
            "classDef" if blank => {
                self.cursor.eat("classDef");
                self.cursor.skip_blanks();
                let name = self.cursor.node_id().unwrap_or_default();
                (!palette::is_palette_class(name)).then_some(Decoration::ClassDef)
            }
            "linkStyle" if blank => Some(Decoration::LinkStyle),
            "click" if blank => Some(Decoration::Click),
            "accTitle" if blank || after == Some(':') => Some(Decoration::Accessibility),
            // A layout direction: not part of a plan, and not shown.
            "direction" if blank => None,
            _ => return self.chain(),
        };
        self.skip_statement_text();
        self.chart
            .skipped
            .extend(decoration.map(|what| (line, what)));
        Ok(())
    }

    /// The rest of a statement, up to `;` or the end of the line outside
    /// `"…"` and `[…]` (where Mermaid reads them as text); consumed.
    fn skip_statement_text(&mut self) -> &'a str {
        let rest = self.cursor.rest();
        let (mut quoted, mut brackets) = (false, 0usize);
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '\n' => return true,
                    '"' => quoted = !quoted,
                    '[' if !quoted => brackets += 1,
                    ']' if !quoted => brackets = brackets.saturating_sub(1),
                    ';' if !quoted && brackets == 0 => return true,
                    _ => {}
                }
                false
            })
            .map_or(rest.len(), |(at, _)| at);
        self.cursor.advance(end);
        &rest[..end]
    }

    /// `subgraph id`, `subgraph id [Title]`, `subgraph "Title"`, `subgraph
    /// Title with spaces`: only a title that is one id, or an id before
    /// `[`, gives the subgraph an id a link may name (Mermaid generates
    /// the id of the others).
    ///
    /// Its title (`Title` in `id["Title"]`, else the whole text, quotes
    /// taken off) becomes the group of the nodes mentioned inside.
    fn subgraph(&mut self) -> Result<(), MermaidError> {
        let line = self.cursor.line();
        self.cursor.eat("subgraph");
        self.cursor.skip_blanks();
        let text = self.skip_statement_text().trim_end();
        let id_end = id_len(text);
        let after = text[id_end..].trim_start();
        if id_end > 0 && (after.is_empty() || after.starts_with('[')) {
            self.chart.subgraph_ids.push(&text[..id_end]);
        }
        let title = match after.strip_prefix('[') {
            Some(inner) if id_end > 0 => inner.strip_suffix(']').unwrap_or(inner),
            _ => text,
        }
        .trim();
        let title = title
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(title);
        self.open_subgraphs.push(OpenSubgraph {
            line,
            title: decode_label(title.trim()),
            members: Vec::new(),
        });
        Ok(())
    }

    fn end(&mut self) -> Result<(), MermaidError> {
        let Some(closed) = self.open_subgraphs.pop() else {
            return Err(self.cursor.error(
                "`end` closes a subgraph, but none is open",
                "a node cannot be called `end`; call it `End` or `done`",
            ));
        };
        self.cursor.eat("end");
        if !closed.title.is_empty() {
            for index in closed.members {
                let group = &mut self.chart.nodes[index].group;
                if group.is_none() {
                    *group = Some(closed.title.clone());
                }
            }
        }
        Ok(())
    }

    fn acc_descr(&mut self) -> Result<(), MermaidError> {
        let line = self.cursor.line();
        let open_at = self.cursor.pos();
        self.chart.skipped.push((line, Decoration::Accessibility));
        self.cursor.eat("accDescr");
        self.cursor.skip_blanks();
        if !self.cursor.rest().starts_with('{') {
            self.cursor.rest_of_line();
            return Ok(());
        }
        match self.cursor.until("}", true) {
            Some(_) => Ok(()),
            None => Err(self.cursor.error_at(
                open_at,
                "this accessible description is never closed",
                "end it with `}`",
            )),
        }
    }

    /// `style id css`: decoration, but, as in Mermaid, it makes a vertex
    /// of an id not seen before.
    fn style(&mut self) -> Result<(), MermaidError> {
        let line = self.cursor.line();
        self.cursor.eat("style");
        self.cursor.skip_blanks();
        let Some(id) = self.cursor.node_id() else {
            return Err(self.cursor.error(
                format!("expected a node id, found {}", self.cursor.describe_next()),
                "write `style id fill:#f9f`",
            ));
        };
        self.vertex(id, line)?;
        self.skip_statement_text();
        self.chart.skipped.push((line, Decoration::Style));
        Ok(())
    }

    /// `class a,b name1,name2`.
    fn class_statement(&mut self) -> Result<(), MermaidError> {
        let line = self.cursor.line();
        self.cursor.eat("class");
        let ids = self.comma_list("a node id")?;
        let classes = self.comma_list("a class name")?;
        self.chart
            .class_statements
            .push(ClassStatement { ids, classes, line });
        Ok(())
    }

    /// One or more names separated by `,`, after blanks. Mermaid reads
    /// them as one id (`,` is an id character) and splits it at the commas.
    fn comma_list(&mut self, what: &str) -> Result<Vec<&'a str>, MermaidError> {
        self.cursor.skip_blanks();
        let names: Vec<&str> = self
            .cursor
            .node_id()
            .map(|list| list.split(',').filter(|name| !name.is_empty()).collect())
            .unwrap_or_default();
        if names.is_empty() {
            return Err(self.cursor.error(
                format!("expected {what}, found {}", self.cursor.describe_next()),
                "write `class a,b className`",
            ));
        }
        Ok(names)
    }

    /// `a & b --> c -.-> d`.
    fn chain(&mut self) -> Result<(), MermaidError> {
        let mut sources = self.group()?;
        loop {
            self.link_on_next_line();
            self.cursor.skip_blanks();
            let line = self.cursor.line();
            let edge_id = self.cursor.edge_id();
            let Some(link) = self.cursor.link()? else {
                return Ok(());
            };
            self.cursor.skip_blanks();
            let targets = self.group()?;
            if self.chart.links.len() + sources.len() * targets.len() > MAX_IMPORT_EDGES {
                return Err(self.cursor.error(
                    format!("more than {MAX_IMPORT_EDGES} edges"),
                    "split the diagram, or import the plan as JSON",
                ));
            }
            for &from in &sources {
                for &to in &targets {
                    // Mermaid gives the written id to the edge from the
                    // last source to the first target only.
                    let written = edge_id
                        .filter(|_| Some(&from) == sources.last() && Some(&to) == targets.first());
                    self.name_edge(from, to, written);
                    self.chart.links.push(ParsedLink {
                        from,
                        to,
                        style: link.style,
                        text: link.text.clone(),
                        both_ends: link.both_ends,
                        line,
                    });
                }
            }
            sources = targets;
        }
    }

    /// Moves to a link that starts on a later line (`a` / `--> b`), if one
    /// does: Mermaid's link token begins with any blanks and line breaks.
    fn link_on_next_line(&mut self) {
        let rest = self.cursor.rest();
        if !rest.starts_with(char::is_whitespace) {
            return;
        }
        let next = rest.trim_start();
        let gap = rest.len() - next.len();
        if rest[..gap].contains('\n') && link::opens(next, false) {
            self.cursor.advance(gap);
        }
    }

    /// Records the id Mermaid gives an edge: the written one unless an
    /// edge has it already, else `L_<from>_<to>_<n>` where `n` is 0 for
    /// the first such link and one more than the count before it for the
    /// others (Mermaid skips 1).
    fn name_edge(&mut self, from: usize, to: usize, written: Option<&str>) {
        let before = self.pair_links.entry((from, to)).or_default();
        let counter = if *before == 0 { 0 } else { *before + 1 };
        *before += 1;
        let name = match written {
            Some(id) if !self.edge_ids.contains(id) => id.to_owned(),
            _ => format!(
                "L_{}_{}_{counter}",
                self.chart.nodes[from].id, self.chart.nodes[to].id
            ),
        };
        self.edge_ids.insert(name);
    }

    /// `a & b & c`: indices of the nodes.
    fn group(&mut self) -> Result<Vec<usize>, MermaidError> {
        let mut members = vec![self.node()?];
        loop {
            self.cursor.skip_blanks();
            if !self.cursor.eat("&") {
                return Ok(members);
            }
            self.cursor.skip_blanks();
            members.push(self.node()?);
        }
    }

    /// `id`, `id[Label]`, `id(["Label"]):::class`, `id@{ shape: diamond,
    /// label: "Go?" }`: the node's index.
    fn node(&mut self) -> Result<usize, MermaidError> {
        let line = self.cursor.line();
        let Some(id) = self.cursor.node_id() else {
            return Err(self.cursor.error(
                format!("expected a node id, found {}", self.cursor.describe_next()),
                "ids are letters, digits, `_` and punctuation but `-->`-like links, brackets, `;`, `|`, `@` and quotes, e.g. `db1`",
            ));
        };
        let (mut role, mut label) = match self.cursor.shape_and_label()? {
            Some((shape, label)) => (Some(shape.role), Some(label)),
            None => (None, None),
        };
        let mut classes = Vec::new();
        if self.cursor.eat(":::") {
            match self.cursor.node_id() {
                Some(class) => classes.push(class),
                None => {
                    return Err(self.cursor.error(
                        "expected a class name after `:::`",
                        "write `id:::className`",
                    ))
                }
            }
        }
        if self.cursor.rest().starts_with("@{") {
            let data_line = self.cursor.line();
            let mut other_keys = false;
            for (key, value) in self.cursor.shape_data()? {
                match key {
                    "shape" => role = Some(shape::role_of_name(&value)),
                    "label" => label = Some(value),
                    "labelType" => {}
                    _ => other_keys = true,
                }
            }
            if other_keys {
                self.chart.skipped.push((data_line, Decoration::NodeData));
            }
        }
        let index = self.vertex(id, line)?;
        if let Some(open) = self.open_subgraphs.last_mut() {
            open.members.push(index);
        }
        let node = &mut self.chart.nodes[index];
        node.role = role.or(node.role);
        node.label = label.or(node.label.take());
        node.classes.extend(classes);
        Ok(index)
    }

    /// The index of the vertex `id`, made if it is new.
    fn vertex(&mut self, id: &'a str, line: usize) -> Result<usize, MermaidError> {
        if let Some(&index) = self.node_index.get(id) {
            return Ok(index);
        }
        if self.chart.nodes.len() == MAX_IMPORT_NODES {
            return Err(self.cursor.error(
                format!("more than {MAX_IMPORT_NODES} nodes"),
                "split the diagram, or import the plan as JSON",
            ));
        }
        self.node_index.insert(id, self.chart.nodes.len());
        self.chart.nodes.push(ParsedNode {
            id,
            line,
            role: None,
            label: None,
            classes: Vec::new(),
            group: None,
        });
        Ok(self.chart.nodes.len() - 1)
    }
}
