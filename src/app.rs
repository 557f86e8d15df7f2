//! The application shell: provides the editor to every component and lays
//! out toolbar, palette, canvas, inspector and problems panel.

use crate::canvas::culling::Culling;
use crate::canvas::gesture::Gestures;
use crate::canvas::records::Records;
use crate::canvas::Canvas;
use crate::editor::Editor;
use crate::panels::banners::Banners;
use crate::panels::documents::Documents;
use crate::panels::empty_hint::EmptyHint;
use crate::panels::export_menu::{ExportMenu, ImportMenu, MermaidImport, MermaidImportOpen};
use crate::panels::gallery::{Gallery, GalleryOpen, TemplatesButton};
use crate::panels::inspector::Inspector;
use crate::panels::legend::Legend;
use crate::panels::mermaid_panel::MermaidPanel;
use crate::panels::notice::NoticeBar;
use crate::panels::palette::Palette;
use crate::panels::problems::ProblemsPanel;
use crate::panels::shortcuts::{ShortcutsDialog, ShortcutsOpen};
use crate::panels::toolbar::{ThemeSwitch, Toolbar};
use crate::persistence::Persistence;
use crate::runbook_slots;
use crate::{keyboard, startup, theme};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let editor = Editor::new();
    provide_context(editor);
    provide_context(GalleryOpen(RwSignal::new(false)));
    provide_context(MermaidImportOpen(RwSignal::new(false)));
    provide_context(ShortcutsOpen(RwSignal::new(false)));
    theme::provide_theme();
    crate::panels::room::provide_room();
    keyboard::install(editor);
    let persistence = Persistence::start(editor, startup::generated_document());
    provide_context(persistence);
    runbook_slots::install(editor, persistence);
    provide_context(Gestures::new(editor, NodeRef::new()));
    provide_context(Culling::start(editor));
    provide_context(Records::start(editor));
    provide_context(crate::canvas::routes::Routes::start(editor));

    view! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand">
                    "migraflow"
                    <span class="plan-title">{move || editor.plan.with(|p| p.title.clone())}</span>
                </h1>
                <Documents />
                <TemplatesButton />
                {runbook_slots::top_bar()}
                <span class="spacer"></span>
                <ImportMenu />
                <ExportMenu />
                <ThemeSwitch />
            </header>
            <Palette />
            <main class="workspace">
                <Banners />
                <Canvas>
                    <Toolbar />
                    <Legend />
                </Canvas>
                <EmptyHint />
            </main>
            <crate::panels::room::SideEdge />
            <aside class="sidebar">
                {runbook_slots::sidebar()}
                <Show when=runbook_slots::editing>
                    <Inspector />
                </Show>
                <ProblemsPanel />
                <MermaidPanel />
            </aside>
            <NoticeBar />
            <Gallery />
            <MermaidImport />
            <ShortcutsDialog />
            {runbook_slots::dialogs()}
        </div>
    }
}
