//! The escaping table: how each adversarial label is written into a
//! Mermaid flowchart label (`n2["…"]`) and a stateDiagram description
//! (`n2 : …`), and that importing the flowchart gives the label back
//! unchanged as a node title and as an edge label.

mod mermaid_common;

use expect_test::expect;
use migraflow_core::mermaid::{export_flowchart, export_state_diagram, import};
use migraflow_core::{EdgeId, NodeId};

/// The text after `prefix` on the line of `text` that starts with it.
fn line_after<'a>(text: &'a str, prefix: &str) -> &'a str {
    text.lines()
        .find_map(|line| line.trim_start().strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in\n{text}"))
}

#[test]
fn escaping_table() {
    let mut table = String::new();
    for label in mermaid_common::all_labels() {
        let doc = mermaid_common::label_document(label);
        let flowchart = export_flowchart(&doc);
        let state = export_state_diagram(&doc);
        table += &format!(
            "{label:?}\n  flowchart n2{}\n  state     `{}`\n",
            line_after(&flowchart, "n2"),
            line_after(&state, "n2 : ")
        );

        let imported = import(&flowchart).unwrap_or_else(|e| panic!("{e}\n{flowchart}"));
        let plan = &imported.document.plan;
        let expected_title = if label.is_empty() { "" } else { label };
        assert_eq!(plan.nodes[&NodeId(2)].title, expected_title);
        assert_eq!(plan.edges[&EdgeId(1)].label, label);
        assert_eq!(plan.title, label);
    }
    expect![[r##"
        "<script>alert(1)</script>"
          flowchart n2["#lt;script#gt;alert(1)#lt;/script#gt;"]
          state     `#lt;script#gt;alert(1)#lt;/script#gt;`
        "<img src=x onerror=alert(1)> javascript:alert(1)"
          flowchart n2["#lt;img src=x onerror=alert(1)#gt; javascript:alert(1)"]
          state     `#lt;img src=x onerror=alert(1)#gt; javascript:alert(1)`
        "\"double\" and 'single' quotes"
          flowchart n2["#quot;double#quot; and 'single' quotes"]
          state     `#quot;double#quot; and 'single' quotes`
        "\"] --> evil[\"x"
          flowchart n2["#quot;] --#gt; evil[#quot;x"]
          state     `#quot;] --#gt; evil[#quot;x`
        "brackets [] {} () [[x]] ([y]) {{z}} (((w)))"
          flowchart n2["brackets [] {} () [[x]] ([y]) {{z}} (((w)))"]
          state     `brackets [] {} () [[x]] ([y]) {{z}} (((w)))`
        "pipes | a||b |\"|"
          flowchart n2["pipes | a||b |#quot;|"]
          state     `pipes | a||b |#quot;|`
        "hash # #35; #quot; &amp; &lt; &#65; #9731;"
          flowchart n2["hash #35; #35;35#59; #35;quot#59; #amp;amp#59; #amp;lt#59; #amp;#35;65#59; #35;9731#59;"]
          state     `hash #35; #35;35#59; #35;quot#59; #amp;amp#59; #amp;lt#59; #amp;#35;65#59; #35;9731#59;`
        "semicolon; colon: a::b trailing:"
          flowchart n2["semicolon#59; colon: a#58;:b trailing#58;"]
          state     `semicolon#59; colon: a#58;:b trailing#58;`
        "`starts with a backtick` and ```fenced```"
          flowchart n2["#96;starts with a backtick` and ```fenced```"]
          state     `#96;starts with a backtick` and ```fenced````
        "%% not a comment %%{init: {\"theme\":\"dark\"}}%%"
          flowchart n2["#37;#37; not a comment #37;#37;{init: {#quot;theme#quot;:#quot;dark#quot;}}#37;#37;"]
          state     `#37;#37; not a comment #37;#37;{init: {#quot;theme#quot;:#quot;dark#quot;}}#37;#37;`
        "%% migraflow: {\"node\":\"n1\",\"x\":0}"
          flowchart n2["#37;#37; migraflow: {#quot;node#quot;:#quot;n1#quot;,#quot;x#quot;:0}"]
          state     `#37;#37; migraflow: {#quot;node#quot;:#quot;n1#quot;,#quot;x#quot;:0}`
        "line one\nline two\n\nafter a blank line"
          flowchart n2["line one<br/>line two<br/><br/>after a blank line"]
          state     `line one<br/>line two<br/><br/>after a blank line`
        "end"
          flowchart n2["end"]
          state     `end`
        "class"
          flowchart n2["class"]
          state     `class`
        "subgraph x\nend"
          flowchart n2["subgraph x<br/>end"]
          state     `subgraph x<br/>end`
        "click n1 call alert()"
          flowchart n2["click n1 call alert()"]
          state     `click n1 call alert()`
        "$$x^2$$ fa:fa-car direction TB"
          flowchart n2["#36;#36;x^2#36;#36; fa#58;fa-car direction#32;TB"]
          state     `#36;#36;x^2#36;#36; fa#58;fa-car direction#32;TB`
        "style x:y#35;z classDef a:b#c;"
          flowchart n2["style x#58;y#35;35#59;z classDef a#58;b#35;c#59;"]
          state     `style x#58;y#35;35#59;z classDef a#58;b#35;c#59;`
        "-->|x| -.-> ==> A---oB ~~~ @{ shape: rect }"
          flowchart n2["--#gt;|x| -.-#gt; ==#gt; A---oB ~~~ @{ shape: rect }"]
          state     `--#gt;|x| -.-#gt; ==#gt; A---oB ~~~ @{ shape: rect }`
        "<br/> literal and &lt;br&gt;"
          flowchart n2["#lt;br/#gt; literal and #amp;lt#59;br#amp;gt#59;"]
          state     `#lt;br/#gt; literal and #amp;lt#59;br#amp;gt#59;`
        "   leading and trailing spaces   "
          flowchart n2["#32;  leading and trailing spaces  #32;"]
          state     `#32;  leading and trailing spaces  #32;`
        ""
          flowchart n2["Phase"]
          state     `Phase`
        "tab\there, CR\rthere, RTL \u{202e}override\u{202c}, isolate \u{2066}x\u{2069}"
          flowchart n2["tab#9;here, CR#13;there, RTL #8238;override#8236;, isolate #8294;x#8297;"]
          state     `tab#9;here, CR#13;there, RTL #8238;override#8236;, isolate #8294;x#8297;`
        "emoji 🚀💥👩\u{200d}💻 flag 🇩🇪"
          flowchart n2["emoji 🚀💥👩‍💻 flag 🇩🇪"]
          state     `emoji 🚀💥👩‍💻 flag 🇩🇪`
        "עברית: העברת עמודה"
          flowchart n2["עברית: העברת עמודה"]
          state     `עברית: העברת עמודה`
        "العربية: ترحيل العمود"
          flowchart n2["العربية: ترحيل العمود"]
          state     `العربية: ترحيل العمود`
        "中文 数据库迁移, 日本語 データベース, 한국어 데이터베이스"
          flowchart n2["中文 数据库迁移, 日本語 データベース, 한국어 데이터베이스"]
          state     `中文 数据库迁移, 日本語 データベース, 한국어 데이터베이스`
        "a reasonably long label that goes on and on to see how Mermaid wraps long text in a node"
          flowchart n2["a reasonably long label that goes on and on to see how Mermaid wraps long text in a node"]
          state     `a reasonably long label that goes on and on to see how Mermaid wraps long text in a node`
        "Mermaid placeholders ¶ß ﬂ°°35¶ß ﬂ°lt¶ß"
          flowchart n2["Mermaid placeholders ¶ß ﬂ°°35¶ß ﬂ°lt¶ß"]
          state     `Mermaid placeholders ¶ß ﬂ°°35¶ß ﬂ°lt¶ß`
        "¶ßﬂ°"
          flowchart n2["¶ßﬂ°"]
          state     `¶ßﬂ°`
    "##]].assert_eq(&table);
}
