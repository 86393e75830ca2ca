import GRDB

/// The SQLite schema, as an ordered list of migrations. Never edit a released migration:
/// add a new one, so every existing office database upgrades in place.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: mailbox intake, ledger, reminders") { db in
            try db.execute(
                sql: """
                    CREATE TABLE mailbox_state (
                        mailbox TEXT NOT NULL,
                        uid_validity INTEGER NOT NULL,
                        last_uid INTEGER NOT NULL,
                        updated_at DATETIME NOT NULL,
                        PRIMARY KEY (mailbox, uid_validity)
                    );
                    CREATE TABLE messages (
                        id INTEGER PRIMARY KEY,
                        mailbox TEXT NOT NULL,
                        uid_validity INTEGER NOT NULL,
                        uid INTEGER NOT NULL,
                        message_id TEXT,
                        sha256 TEXT NOT NULL,
                        raw_path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        from_address TEXT,
                        from_name TEXT,
                        subject TEXT NOT NULL DEFAULT '',
                        sent_at DATETIME,
                        received_at DATETIME NOT NULL,
                        stored_at DATETIME NOT NULL,
                        unit_code TEXT,
                        match_confidence REAL,
                        match_reason TEXT,
                        campaign_id TEXT,
                        status TEXT,
                        problems TEXT,
                        parse_error TEXT,
                        UNIQUE (mailbox, uid_validity, uid)
                    );
                    CREATE INDEX messages_by_content ON messages (message_id, sha256);
                    CREATE INDEX messages_by_unit ON messages (campaign_id, unit_code);
                    CREATE TABLE attachments (
                        id INTEGER PRIMARY KEY,
                        message_id INTEGER NOT NULL REFERENCES messages(id),
                        position INTEGER NOT NULL,
                        filename TEXT NOT NULL,
                        content_type TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        stored_path TEXT NOT NULL
                    );
                    CREATE INDEX attachments_by_message ON attachments (message_id);
                    CREATE TABLE receipts (
                        campaign_id TEXT NOT NULL,
                        unit_code TEXT NOT NULL,
                        status TEXT NOT NULL,
                        message_id INTEGER REFERENCES messages(id),
                        received_at DATETIME,
                        updated_at DATETIME NOT NULL,
                        note TEXT,
                        PRIMARY KEY (campaign_id, unit_code)
                    );
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY,
                        at DATETIME NOT NULL,
                        actor TEXT NOT NULL,
                        campaign_id TEXT,
                        unit_code TEXT,
                        message_id INTEGER,
                        kind TEXT NOT NULL,
                        detail TEXT
                    );
                    CREATE TABLE reminders (
                        campaign_id TEXT NOT NULL,
                        unit_code TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        state TEXT NOT NULL,
                        recipients TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        finished_at DATETIME,
                        error TEXT,
                        PRIMARY KEY (campaign_id, unit_code, stage)
                    );
                    CREATE TABLE aliases (
                        address TEXT PRIMARY KEY,
                        unit_code TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        created_by TEXT NOT NULL
                    );
                    CREATE TABLE intake_health (
                        key TEXT PRIMARY KEY,
                        value TEXT,
                        at DATETIME NOT NULL
                    );
                    -- The event log is append-only: history is evidence for the office.
                    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                    """)
        }
        migrator.registerMigration("v2: sender authentication, acknowledgements") { db in
            try db.execute(
                sql: """
                    ALTER TABLE messages ADD COLUMN auth_results TEXT;
                    CREATE TABLE acknowledgements (
                        message_id INTEGER PRIMARY KEY REFERENCES messages(id),
                        recipient TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        in_reply_to TEXT,
                        reference_ids TEXT NOT NULL,
                        state TEXT NOT NULL,
                        outgoing_id TEXT,
                        created_at DATETIME NOT NULL,
                        finished_at DATETIME,
                        error TEXT
                    );
                    CREATE INDEX acknowledgements_by_recipient ON acknowledgements (recipient, created_at);
                    CREATE INDEX messages_by_message_id ON messages (message_id);
                    CREATE INDEX reminders_by_message_id ON reminders (message_id);
                    """)
        }
        migrator.registerMigration("v3: the officer's daily digest") { db in
            // One row per local day, claimed before the send like a reminder: at most one
            // digest a day across crashes.
            try db.execute(
                sql: """
                    CREATE TABLE digests (
                        day TEXT PRIMARY KEY,
                        state TEXT NOT NULL,
                        recipients TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        finished_at DATETIME,
                        error TEXT
                    );
                    """)
        }
        migrator.registerMigration("v4: dashboard logins, officer replies, review indexes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE dashboard_users (
                        name TEXT PRIMARY KEY,
                        password_hash TEXT NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    -- Mail the officer sends to a school from the dashboard (a rejection and its
                    -- reason), queued in the same transaction as the decision and sent at most once.
                    CREATE TABLE replies (
                        id INTEGER PRIMARY KEY,
                        message_id INTEGER NOT NULL REFERENCES messages(id),
                        recipient TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        in_reply_to TEXT,
                        reference_ids TEXT NOT NULL,
                        state TEXT NOT NULL,
                        outgoing_id TEXT,
                        created_at DATETIME NOT NULL,
                        finished_at DATETIME,
                        error TEXT
                    );
                    CREATE INDEX replies_by_state ON replies (state, created_at);
                    CREATE INDEX replies_by_message ON replies (message_id);
                    -- The review count is on every dashboard page: both halves are answered
                    -- from an index alone, without reading message rows.
                    CREATE INDEX messages_unattributed ON messages (status, received_at) WHERE unit_code IS NULL;
                    CREATE INDEX messages_by_status ON messages (status, campaign_id, unit_code, received_at);
                    CREATE INDEX messages_by_unit_received ON messages (unit_code, received_at);
                    CREATE INDEX reminders_by_created ON reminders (created_at);
                    CREATE INDEX reminders_by_unit ON reminders (unit_code, created_at);
                    """)
        }
        migrator.registerMigration("v5: raw mail pruned after its retention") { db in
            // The row stays (the ledger shows the message existed, with its hash and size);
            // only the file goes, and this says when.
            try db.execute(
                sql: """
                    ALTER TABLE messages ADD COLUMN raw_pruned_at DATETIME;
                    CREATE INDEX messages_by_raw_path ON messages (raw_path);
                    """)
        }
        migrator.registerMigration("v6: one outbox for every mail the office sends") { db in
            // Acknowledgements, officer replies, reminders and digests were four tables with
            // four claim/finish paths; they become rows of one, with the guarantees each
            // had kept by unique indexes: one acknowledgement per school message, one
            // reminder per (campaign, unit, stage), one digest per day. Rows move with
            // their state, so a send cut off mid-way ('sending') stays uncertain and is
            // never repeated.
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        message_row INTEGER REFERENCES messages(id),
                        campaign_id TEXT,
                        unit_code TEXT,
                        stage TEXT,
                        recipients TEXT NOT NULL,
                        subject TEXT NOT NULL DEFAULT '',
                        body TEXT NOT NULL DEFAULT '',
                        in_reply_to TEXT,
                        reference_ids TEXT NOT NULL DEFAULT '',
                        state TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        outgoing_id TEXT,
                        created_at DATETIME NOT NULL,
                        claimed_at DATETIME,
                        finished_at DATETIME,
                        error_code TEXT,
                        error TEXT
                    );
                    CREATE UNIQUE INDEX outbox_acknowledgement_once ON outbox (message_row) WHERE kind = 'acknowledgement';
                    -- ifnull: a digest has no campaign or unit, and NULLs never collide in an index.
                    CREATE UNIQUE INDEX outbox_stage_once ON outbox (kind, ifnull(campaign_id, ''), ifnull(unit_code, ''), stage)
                        WHERE kind IN ('reminder', 'digest');
                    CREATE INDEX outbox_by_state ON outbox (state, created_at);
                    CREATE INDEX outbox_by_claim ON outbox (claimed_at);
                    CREATE INDEX outbox_by_outgoing_id ON outbox (outgoing_id);
                    CREATE INDEX outbox_by_unit ON outbox (unit_code, created_at);
                    CREATE INDEX outbox_by_message ON outbox (message_row);
                    CREATE INDEX outbox_by_recipient ON outbox (kind, recipients, created_at);

                    INSERT INTO outbox (kind, message_row, unit_code, recipients, subject, body, in_reply_to, reference_ids,
                        state, attempts, outgoing_id, created_at, claimed_at, finished_at, error_code, error)
                    SELECT 'acknowledgement', a.message_id, m.unit_code, a.recipient, a.subject, a.body, a.in_reply_to,
                        a.reference_ids, a.state, a.state != 'due', a.outgoing_id, a.created_at,
                        CASE WHEN a.state = 'due' THEN NULL ELSE coalesce(a.finished_at, a.created_at) END, a.finished_at,
                        CASE WHEN a.error IS NULL THEN NULL ELSE 'other' END, a.error
                    FROM acknowledgements a LEFT JOIN messages m ON m.id = a.message_id;

                    INSERT INTO outbox (kind, message_row, unit_code, recipients, subject, body, in_reply_to, reference_ids,
                        state, attempts, outgoing_id, created_at, claimed_at, finished_at, error_code, error)
                    SELECT 'reply', r.message_id, m.unit_code, r.recipient, r.subject, r.body, r.in_reply_to, r.reference_ids,
                        r.state, r.state != 'due', r.outgoing_id, r.created_at,
                        CASE WHEN r.state = 'due' THEN NULL ELSE coalesce(r.finished_at, r.created_at) END, r.finished_at,
                        CASE WHEN r.error IS NULL THEN NULL ELSE 'other' END, r.error
                    FROM replies r LEFT JOIN messages m ON m.id = r.message_id ORDER BY r.id;

                    INSERT INTO outbox (kind, campaign_id, unit_code, stage, recipients, state, attempts, outgoing_id,
                        created_at, claimed_at, finished_at, error_code, error)
                    SELECT 'reminder', campaign_id, unit_code, stage, recipients, state, 1, message_id,
                        created_at, created_at, finished_at, CASE WHEN error IS NULL THEN NULL ELSE 'other' END, error
                    FROM reminders ORDER BY created_at;

                    INSERT INTO outbox (kind, stage, recipients, state, attempts, outgoing_id, created_at, claimed_at, finished_at,
                        error_code, error)
                    SELECT 'digest', day, recipients, state, 1, message_id, created_at, created_at, finished_at,
                        CASE WHEN error IS NULL THEN NULL ELSE 'other' END, error
                    FROM digests ORDER BY day;

                    DROP TABLE acknowledgements;
                    DROP TABLE replies;
                    DROP TABLE reminders;
                    DROP TABLE digests;
                    """)
        }
        migrator.registerMigration("v7: attachments live in their raw message until it is pruned") { db in
            // An attachment is no longer written to a file of its own when its message
            // arrives: its bytes are in the raw message, stored once, and read out of it
            // when the officer opens the file. `stored_path` is set only when the raw mail
            // is pruned (the file is written out first). SQLite cannot drop a NOT NULL, so
            // the table is rebuilt; every row keeps its id and its file.
            try db.execute(
                sql: """
                    CREATE TABLE attachments_v7 (
                        id INTEGER PRIMARY KEY,
                        message_id INTEGER NOT NULL REFERENCES messages(id),
                        position INTEGER NOT NULL,
                        filename TEXT NOT NULL,
                        content_type TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        stored_path TEXT
                    );
                    INSERT INTO attachments_v7 SELECT id, message_id, position, filename, content_type, size, sha256, kind, stored_path
                        FROM attachments;
                    DROP TABLE attachments;
                    ALTER TABLE attachments_v7 RENAME TO attachments;
                    CREATE INDEX attachments_by_message ON attachments (message_id);
                    """)
        }
        migrator.registerMigration("v8: mail set aside as no submission, a unit's history") { db in
            // "Không phải hồ sơ": an advertisement, a newsletter, a question. It leaves the
            // review queue, and nothing is sent to its sender.
            try db.execute(sql: "ALTER TABLE messages ADD COLUMN dismissed_at DATETIME")
            // A unit's page shows its history from the event log.
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS events_by_unit ON events (unit_code, at)")
        }
        migrator.registerMigration("v9: a message's parts that are no file") { db in
            // JSON, written with the message: its unit's page lists them without reading the
            // raw mail again. NULL for mail stored before, read from its raw mail instead.
            try db.execute(sql: "ALTER TABLE messages ADD COLUMN ignored_parts TEXT")
        }
        migrator.registerMigration("v10: the document check") { db in
            // One check per file content (the same scan sent twice is looked at once), with
            // the officer's verdict beside thidua's when she overrules it. A message's
            // `checked_at` says the check's conclusion reached its ledger entry and its
            // acknowledgement; `check_review` that the check sent it to review. Mail stored
            // before has its files checked for the officer to see, but its ledger stays as
            // it was: it counts as concluded.
            try db.execute(
                sql: """
                    CREATE TABLE document_checks (
                        sha256 TEXT PRIMARY KEY,
                        verdict TEXT NOT NULL,
                        pages INTEGER NOT NULL DEFAULT 0,
                        dpi INTEGER,
                        seal_page INTEGER,
                        seal_box TEXT,
                        seal_score REAL,
                        flags TEXT NOT NULL DEFAULT '',
                        reason TEXT,
                        thumbnail_path TEXT,
                        checked_at DATETIME NOT NULL,
                        officer_verdict TEXT,
                        officer TEXT,
                        officer_at DATETIME
                    );
                    CREATE INDEX attachments_by_sha256 ON attachments (sha256);
                    ALTER TABLE messages ADD COLUMN checked_at DATETIME;
                    ALTER TABLE messages ADD COLUMN check_review INTEGER NOT NULL DEFAULT 0;
                    UPDATE messages SET checked_at = stored_at;
                    CREATE INDEX messages_awaiting_check ON messages (id) WHERE checked_at IS NULL;
                    """)
        }
        migrator.registerMigration("v11: what a scan says about itself") { db in
            // The header and signature block read by OCR (issue 21), beside the verdict:
            // the register's columns, so each is a column of its own. Checks made before
            // carry none; they are not redone.
            try db.execute(
                sql: """
                    ALTER TABLE document_checks ADD COLUMN doc_issuer TEXT;
                    ALTER TABLE document_checks ADD COLUMN doc_number TEXT;
                    ALTER TABLE document_checks ADD COLUMN doc_date TEXT;
                    ALTER TABLE document_checks ADD COLUMN doc_type TEXT;
                    ALTER TABLE document_checks ADD COLUMN doc_title TEXT;
                    ALTER TABLE document_checks ADD COLUMN doc_signer TEXT;
                    ALTER TABLE document_checks ADD COLUMN doc_confidence REAL;
                    """)
        }
        migrator.registerMigration("v12: the officer keeps campaigns, roster, mail texts and accounts") { db in
            // What the YAML and the units CSV held now lives here, edited from the dashboard
            // and the CLI and audited in `events`. A campaign is its JSON (`Campaign` is
            // Codable): its fields change with the issues, its rows do not. Units are never
            // deleted: a removed unit's receipts and history stay, marked by `removed_at`.
            try db.execute(
                sql: """
                    CREATE TABLE office_campaigns (
                        id TEXT PRIMARY KEY,
                        definition TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE TABLE office_units (
                        code TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        level TEXT NOT NULL,
                        emails TEXT NOT NULL,
                        principal_name TEXT,
                        principal_email TEXT,
                        position INTEGER NOT NULL,
                        removed_at DATETIME,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE TABLE office_settings (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE mail_texts (
                        name TEXT PRIMARY KEY,
                        body TEXT NOT NULL,
                        updated_at DATETIME NOT NULL,
                        updated_by TEXT NOT NULL
                    );
                    -- Logins made before roles can do everything, as they could.
                    ALTER TABLE dashboard_users ADD COLUMN role TEXT NOT NULL DEFAULT 'officer';
                    -- A campaign's announcement: once per unit, with the office's document (a
                    -- file under the data directory, sent with every copy).
                    ALTER TABLE outbox ADD COLUMN attachment_path TEXT;
                    ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
                    CREATE UNIQUE INDEX outbox_announcement_once ON outbox (campaign_id, unit_code) WHERE kind = 'announcement';
                    """)
        }
        return migrator
    }
}
