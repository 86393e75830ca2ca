/// The dashboard's only stylesheet, served by thidua itself: no CDN, no web font, so it
/// works on an office network without internet. System fonts carry Vietnamese diacritics.
enum Stylesheet {
    static let css = """
        :root{--ink:#1b1b1b;--muted:#5f6368;--line:#dadce0;--accent:#0b57d0;--ok:#1d6b1d;--bad:#a40000;--warn:#9a5b00;--review:#6a3fb0}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;color:var(--ink);line-height:1.45;font-size:16px}
        main{padding:1rem;max-width:72rem;margin:0 auto}
        footer{padding:1rem;color:var(--muted);text-align:center}
        header.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.5rem 1rem;background:#f1f3f4;border-bottom:1px solid var(--line)}
        header.top nav a{margin-right:1rem;font-weight:600;text-decoration:none;color:var(--accent)}
        .logout{margin:0}.who{color:var(--muted)}
        h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        a{color:var(--accent)}
        .card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
        progress{width:100%;max-width:30rem;height:1.1rem;vertical-align:middle}
        .chip{display:inline-block;margin:0 .4rem .4rem 0;padding:.2rem .6rem;border-radius:1rem;background:#eef1f8;text-decoration:none;color:var(--ink)}
        .badge{display:inline-block;min-width:1.4rem;padding:0 .35rem;border-radius:.7rem;background:var(--bad);color:#fff;text-align:center;font-size:.85rem}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
        th a{text-decoration:none;color:var(--ink)}
        td.num{text-align:right}
        .facts th{width:45%;font-weight:600}
        .pending,.failed{color:var(--bad);font-weight:600}.late{color:var(--warn)}.needs_review,.uncertain{color:var(--review)}
        .received,.sent{color:var(--ok)}.excused,.rejected{color:var(--muted)}
        .countdown{font-weight:600}
        .notice{background:#e6f4ea;padding:.5rem .75rem;border-radius:.3rem}
        .problem{background:#fce8e6;padding:.5rem .75rem;border-radius:.3rem}
        .filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:1rem 0}
        .filters label,.actions label,.login label{display:flex;flex-direction:column;font-size:.9rem;color:var(--muted)}
        input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:.3rem;color:var(--ink)}
        button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
        button.sends-mail{background:#fff;color:var(--bad);border:2px solid var(--bad);font-weight:600}
        button.secondary{background:#fff;color:var(--accent)}
        button.quiet{background:#f1f3f4;color:var(--ink);border-color:var(--line)}
        .message{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}
        .actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end}
        .actions form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0}
        .files{margin:.25rem 0;padding-left:1.2rem}
        img.preview{display:block;max-width:100%;max-height:28rem;margin:.4rem 0;border:1px solid var(--line)}
        .verdict{font-weight:600}.v-seal,.v-signed{color:var(--ok)}.v-uncertain{color:var(--review)}
        .v-no-seal,.v-grayscale,.v-not-a-scan,.v-unreadable{color:var(--bad)}.v-unchecked,.v-pending{color:var(--muted);font-weight:400}
        .check{margin:.3rem 0}.overruled{color:var(--muted)}
        a.thumb{position:relative;display:inline-block;margin:.4rem 0;line-height:0;border:1px solid var(--line)}
        a.thumb img{display:block;max-width:min(100%,22rem);height:auto}
        a.thumb svg{position:absolute;left:0;top:0;width:100%;height:100%}
        a.thumb rect{fill:none;stroke:#d00;stroke-width:8;vector-effect:non-scaling-stroke;stroke-width:3px}
        .verdict-form{margin-top:.3rem}
        iframe.preview{display:block;width:100%;height:28rem;margin:.4rem 0;border:1px solid var(--line)}
        .login{max-width:22rem;margin:3rem auto}.login form{display:flex;flex-direction:column;gap:.75rem}
        form.inline{display:inline}
        .addresses{overflow-wrap:anywhere}
        td,th,p,li,h1,h2{overflow-wrap:break-word}
        details.raw summary,details.ignored summary{cursor:pointer;color:var(--muted);font-size:.85rem}
        .sort-links{display:none}
        a.button{display:inline-block;padding:.35rem .75rem;border-radius:.3rem;background:var(--accent);color:#fff;text-decoration:none;font-weight:600}
        fieldset{border:1px solid var(--line);border-radius:.5rem;margin:1rem 0;padding:.5rem 1rem}
        legend{font-weight:600;padding:0 .3rem}
        .campaign-form label:not(.choice),.text-editor label{display:flex;flex-direction:column;margin:.5rem 0;font-size:.9rem;color:var(--muted)}
        .campaign-form input:not([type=checkbox]):not([type=radio]){max-width:32rem}
        label.choice{display:block;margin:.2rem 0}
        .choices{margin:.2rem 0 .5rem 1.5rem}
        .units-list{max-height:20rem;overflow-y:auto;border:1px solid var(--line);border-radius:.3rem;padding:.3rem .5rem}
        pre.mail-text{white-space:pre-wrap;font-family:inherit;background:#f8f9fa;padding:.5rem .75rem;border-radius:.3rem}
        textarea.mail-body{width:100%;min-height:18rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
        :focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        .history{padding-left:1.2rem}
        textarea,select,input{max-width:100%}
        .actions label{max-width:100%}
        @media (max-width:40rem){
          main{padding:.5rem}
          header.top nav a{display:inline-block;margin:.2rem .6rem .2rem 0}
          .scroll{overflow-x:visible}
          /* A phone gets a card per row: no column to scroll to, no name wrapped a word a line. */
          table.cards thead,#units thead{display:none}
          table.cards tr{display:block;border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0;padding:.3rem .6rem}
          table.cards td{display:block;border:0;padding:.1rem 0}
          table.cards td:empty{display:none}
          table.cards td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
          .sort-links{display:block;font-size:.9rem}
          .sort-links a{display:inline-block;margin:.1rem .6rem .1rem 0}
          #units tr{display:flex;flex-wrap:wrap;align-items:baseline;border-bottom:1px solid var(--line);padding:.35rem 0}
          #units td{border:0;padding:0 .5rem 0 0;font-size:.9rem}
          #units td.name{order:-1;flex-basis:100%;font-weight:600;font-size:1rem}
          #units td:nth-child(5):not(:empty)::before{content:"nhận ";color:var(--muted)}
          #units td:nth-child(6)::after{content:" tệp";color:var(--muted)}
          #units td:empty{display:none}
          .filters{gap:.5rem}
          .filters label{width:100%}
          progress{max-width:100%}
        }

        """
}
