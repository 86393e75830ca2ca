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
        return migrator
    }
}
