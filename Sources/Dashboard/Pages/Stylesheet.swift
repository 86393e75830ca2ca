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
        .message{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}
        .actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end}
        .actions form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0}
        .files{margin:.25rem 0;padding-left:1.2rem}
        .login{max-width:22rem;margin:3rem auto}.login form{display:flex;flex-direction:column;gap:.75rem}
        form.inline{display:inline}
        @media (max-width:40rem){
          main{padding:.5rem}
          #units th:nth-child(3),#units td:nth-child(3),#units th:nth-child(6),#units td:nth-child(6){display:none}
          header.top nav a{display:inline-block;margin:.2rem .6rem .2rem 0}
        }

        """
}
