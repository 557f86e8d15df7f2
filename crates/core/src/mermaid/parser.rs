//! Reads flowchart text into what its statements say: nodes in order of
//! first appearance, links, `class` statements, subgraph ids and
//! `%% migraflow:` comments. Meaning (kinds, tags, ids) is the importer's.
//!
//! Accepted, statement by statement (statements end at a line break or `;`):
//! - optional YAML front matter `---` … `---` (its `title:` is kept), then
//!   blank lines, `%%` comments and `%%{…}%%` directives, then the header
//!   `flowchart` | `graph` | `flowchart-elk` with an optional direction
//!   `TB` `TD` `BT` `RL` `LR` (or the old `<` `>` `^` `v`);
//! - chains `a --> b -.-> c` of node groups `a & b`, each node an id with
//!   an optional shape and label (see [`super::shape`]), `:::class`, and a
//!   Mermaid 11 `@{ shape: …, label: … }` block (other keys are ignored);
//!   links as in [`super::lexer`], optionally with a Mermaid 11 edge id
//!   (`e1@-->`, ignored, as are `e1@{…}` statements about it);
//! - `class a,b name1,name2`;
//! - `subgraph …` / `end` (must balance), `direction …`;
//! - skipped to the end of the line: `style`, `classDef`, `linkStyle`,
//!   `click`, `accTitle`; `accDescr` (a `{…}` block may span lines);
//! - `%%` comments, also after a statement.
//!
//! Refused with a position and a hint: anything else, in particular other
//! diagram types, bidirectional links, a space between an id and its
//! shape, unclosed labels, texts, `@{…}` blocks and subgraphs, and inputs
//! beyond the limits of [`super::limits`].

use super::lexer::{Cursor, LinkStyle};
use super::limits::{MAX_IMPORT_EDGES, MAX_IMPORT_NODES};
use super::metadata::MARKER;
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
}

/// A node as written: its last shape and label win.
#[derive(Debug)]
pub(super) struct ParsedNode<'a> {
    pub id: &'a str,
    /// What its shape means; `None` while no shape was given.
    pub role: Option<Role>,
    pub label: Option<String>,
    /// Classes given with `:::`.
    pub classes: Vec<&'a str>,
}

/// One edge as written; `&` groups are already expanded into pairs.
#[derive(Debug)]
pub(super) struct ParsedLink {
    /// Index into [`Flowchart::nodes`].
    pub from: usize,
    pub to: usize,
    pub style: LinkStyle,
    pub text: String,
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
    if let Some(line) = parser.open_subgraphs.last() {
        return Err(parser.cursor.error(
            format!("the subgraph opened on line {line} is never closed"),
            "close it with a line `end`",
        ));
    }
    Ok(parser.chart)
}

struct Parser<'a> {
    cursor: Cursor<'a>,
    chart: Flowchart<'a>,
    /// Node id → index into `chart.nodes`.
    node_index: FxHashMap<&'a str, usize>,
    /// The lines of the `subgraph` statements not yet closed.
    open_subgraphs: Vec<usize>,
    /// Edge ids written as `e1@-->`, whose `e1@{…}` statements are skipped.
    edge_ids: FxHashSet<&'a str>,
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
            _ => "expected a link such as `-->`, or the end of the statement; separate statements with a line break or `;`",
        };
        Err(cursor.error(format!("unexpected {}", cursor.describe_next()), hint))
    }

    fn statement(&mut self) -> Result<(), MermaidError> {
        let rest = self.cursor.rest();
        let id_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let edge_properties =
            rest[id_len..].starts_with("@{") && self.edge_ids.contains(&rest[..id_len]);
        if edge_properties {
            self.cursor.eat(&rest[..id_len]);
            self.cursor.shape_data()?;
            return Ok(());
        }
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let after = rest[word_len..].chars().next();
        let blank = matches!(after, Some(' ' | '\t'));
        let ends = after.is_none_or(|c| c.is_whitespace() || c == ';');
        match &rest[..word_len] {
            "subgraph" if ends => self.subgraph(),
            "end" if ends => self.end(),
            "class" if blank => self.class_statement(),
            "accDescr" if blank || matches!(after, Some(':' | '{')) => self.acc_descr(),
            "style" | "classDef" | "linkStyle" | "click" | "direction" if blank => {
                self.cursor.rest_of_line();
                Ok(())
            }
            "accTitle" if blank || after == Some(':') => {
                self.cursor.rest_of_line();
                Ok(())
            }
            _ => self.chain(),
        }
    }

    fn subgraph(&mut self) -> Result<(), MermaidError> {
        self.open_subgraphs.push(self.cursor.line());
        self.cursor.eat("subgraph");
        self.cursor.skip_blanks();
        if let Some(id) = self.cursor.node_id() {
            self.chart.subgraph_ids.push(id);
        }
        self.cursor.rest_of_line();
        Ok(())
    }

    fn end(&mut self) -> Result<(), MermaidError> {
        if self.open_subgraphs.pop().is_none() {
            return Err(self.cursor.error(
                "`end` closes a subgraph, but none is open",
                "a node cannot be called `end`; call it `End` or `done`",
            ));
        }
        self.cursor.eat("end");
        Ok(())
    }

    fn acc_descr(&mut self) -> Result<(), MermaidError> {
        let open_at = self.cursor.pos();
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

    /// `class a,b name1,name2`.
    fn class_statement(&mut self) -> Result<(), MermaidError> {
        let line = self.cursor.line();
        self.cursor.eat("class");
        let ids = self.comma_list(|cursor| cursor.node_id(), "a node id")?;
        let classes = self.comma_list(|cursor| cursor.class_name(), "a class name")?;
        self.chart
            .class_statements
            .push(ClassStatement { ids, classes, line });
        Ok(())
    }

    /// One or more items separated by `,`, after blanks.
    fn comma_list(
        &mut self,
        item: impl Fn(&mut Cursor<'a>) -> Option<&'a str>,
        what: &str,
    ) -> Result<Vec<&'a str>, MermaidError> {
        let mut items = Vec::new();
        loop {
            self.cursor.skip_blanks();
            match item(&mut self.cursor) {
                Some(found) => items.push(found),
                None => {
                    return Err(self.cursor.error(
                        format!("expected {what}, found {}", self.cursor.describe_next()),
                        "write `class a,b className`",
                    ))
                }
            }
            self.cursor.skip_blanks();
            if !self.cursor.eat(",") {
                return Ok(items);
            }
        }
    }

    /// `a & b --> c -.-> d`.
    fn chain(&mut self) -> Result<(), MermaidError> {
        let mut sources = self.group()?;
        loop {
            self.cursor.skip_blanks();
            if let Some(edge_id) = self.cursor.edge_id() {
                self.edge_ids.insert(edge_id);
            }
            let Some(link) = self.cursor.link()? else {
                return Ok(());
            };
            self.cursor.skip_blanks();
            let line = self.cursor.line();
            let targets = self.group()?;
            if self.chart.links.len() + sources.len() * targets.len() > MAX_IMPORT_EDGES {
                return Err(self.cursor.error(
                    format!("more than {MAX_IMPORT_EDGES} edges"),
                    "split the diagram, or import the plan as JSON",
                ));
            }
            for &from in &sources {
                for &to in &targets {
                    self.chart.links.push(ParsedLink {
                        from,
                        to,
                        style: link.style,
                        text: link.text.clone(),
                        line,
                    });
                }
            }
            sources = targets;
        }
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
        let Some(id) = self.cursor.node_id() else {
            return Err(self.cursor.error(
                format!("expected a node id, found {}", self.cursor.describe_next()),
                "ids are letters, digits and `_`, e.g. `db1`",
            ));
        };
        let (mut role, mut label) = match self.cursor.shape_and_label()? {
            Some((shape, label)) => (Some(shape.role), Some(label)),
            None => (None, None),
        };
        let mut classes = Vec::new();
        if self.cursor.eat(":::") {
            match self.cursor.class_name() {
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
            for (key, value) in self.cursor.shape_data()? {
                match key {
                    "shape" => role = Some(shape::role_of_name(&value)),
                    "label" => label = Some(value),
                    _ => {}
                }
            }
        }
        let index = match self.node_index.get(id) {
            Some(&index) => index,
            None => {
                if self.chart.nodes.len() == MAX_IMPORT_NODES {
                    return Err(self.cursor.error(
                        format!("more than {MAX_IMPORT_NODES} nodes"),
                        "split the diagram, or import the plan as JSON",
                    ));
                }
                self.node_index.insert(id, self.chart.nodes.len());
                self.chart.nodes.push(ParsedNode {
                    id,
                    role: None,
                    label: None,
                    classes: Vec::new(),
                });
                self.chart.nodes.len() - 1
            }
        };
        let node = &mut self.chart.nodes[index];
        node.role = role.or(node.role);
        node.label = label.or(node.label.take());
        node.classes.extend(classes);
        Ok(index)
    }
}
