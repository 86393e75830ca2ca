import GRDB

extension Schema {
    /// Makes a database that holds nothing yet the schema of `currentMigrations` at once,
    /// in one transaction, those migrations marked applied; the migrator then runs any later
    /// one. A new store took twelve migrations (rebuilding tables a new file does not have
    /// yet), three times as long, before its first poll.
    static func createIfEmpty(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 else { return }
        for statement in current { try db.execute(sql: statement) }
        for identifier in currentMigrations {
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }

    /// The migrations `current` is the result of.
    static let currentMigrations = [
        "v1: mailbox intake, ledger, reminders",
        "v2: sender authentication, acknowledgements",
        "v3: the officer's daily digest",
        "v4: dashboard logins, officer replies, review indexes",
        "v5: raw mail pruned after its retention",
        "v6: one outbox for every mail the office sends",
        "v7: attachments live in their raw message until it is pruned",
        "v8: mail set aside as no submission, a unit's history",
        "v9: a message's parts that are no file",
        "v10: the document check",
        "v11: what a scan says about itself",
        "v12: the officer keeps campaigns, roster, mail texts and accounts",
    ]

    /// The schema `currentMigrations` build, as SQLite keeps it (`sqlite_master`, in
    /// creation order). `SchemaSnapshotTests` holds it to the migrations, and prints it anew
    /// when one is added.
    static let current: [String] = [
        """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)
        """,
        """
        CREATE TABLE mailbox_state (
            mailbox TEXT NOT NULL,
            uid_validity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (mailbox, uid_validity)
        )
        """,
        """
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
            parse_error TEXT, auth_results TEXT, raw_pruned_at DATETIME, dismissed_at DATETIME, ignored_parts TEXT, checked_at DATETIME, check_review INTEGER NOT NULL DEFAULT 0,
            UNIQUE (mailbox, uid_validity, uid)
        )
        """,
        """
        CREATE INDEX messages_by_content ON messages (message_id, sha256)
        """,
        """
        CREATE INDEX messages_by_unit ON messages (campaign_id, unit_code)
        """,
        """
        CREATE TABLE receipts (
            campaign_id TEXT NOT NULL,
            unit_code TEXT NOT NULL,
            status TEXT NOT NULL,
            message_id INTEGER REFERENCES messages(id),
            received_at DATETIME,
            updated_at DATETIME NOT NULL,
            note TEXT,
            PRIMARY KEY (campaign_id, unit_code)
        )
        """,
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at DATETIME NOT NULL,
            actor TEXT NOT NULL,
            campaign_id TEXT,
            unit_code TEXT,
            message_id INTEGER,
            kind TEXT NOT NULL,
            detail TEXT
        )
        """,
        """
        CREATE TABLE aliases (
            address TEXT PRIMARY KEY,
            unit_code TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE intake_health (
            key TEXT PRIMARY KEY,
            value TEXT,
            at DATETIME NOT NULL
        )
        """,
        """
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
        """,
        """
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
        """,
        """
        CREATE INDEX messages_by_message_id ON messages (message_id)
        """,
        """
        CREATE TABLE dashboard_users (
            name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            updated_at DATETIME NOT NULL
        , role TEXT NOT NULL DEFAULT 'officer')
        """,
        """
        CREATE INDEX messages_unattributed ON messages (status, received_at) WHERE unit_code IS NULL
        """,
        """
        CREATE INDEX messages_by_status ON messages (status, campaign_id, unit_code, received_at)
        """,
        """
        CREATE INDEX messages_by_unit_received ON messages (unit_code, received_at)
        """,
        """
        CREATE INDEX messages_by_raw_path ON messages (raw_path)
        """,
        """
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
        , attachment_path TEXT, attachment_name TEXT)
        """,
        """
        CREATE UNIQUE INDEX outbox_acknowledgement_once ON outbox (message_row) WHERE kind = 'acknowledgement'
        """,
        """
        CREATE UNIQUE INDEX outbox_stage_once ON outbox (kind, ifnull(campaign_id, ''), ifnull(unit_code, ''), stage)
            WHERE kind IN ('reminder', 'digest')
        """,
        """
        CREATE INDEX outbox_by_state ON outbox (state, created_at)
        """,
        """
        CREATE INDEX outbox_by_claim ON outbox (claimed_at)
        """,
        """
        CREATE INDEX outbox_by_outgoing_id ON outbox (outgoing_id)
        """,
        """
        CREATE INDEX outbox_by_unit ON outbox (unit_code, created_at)
        """,
        """
        CREATE INDEX outbox_by_message ON outbox (message_row)
        """,
        """
        CREATE INDEX outbox_by_recipient ON outbox (kind, recipients, created_at)
        """,
        """
        CREATE TABLE "attachments" (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id),
            position INTEGER NOT NULL,
            filename TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL,
            stored_path TEXT
        )
        """,
        """
        CREATE INDEX attachments_by_message ON attachments (message_id)
        """,
        """
        CREATE INDEX events_by_unit ON events (unit_code, at)
        """,
        """
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
        , doc_issuer TEXT, doc_number TEXT, doc_date TEXT, doc_type TEXT, doc_title TEXT, doc_signer TEXT, doc_confidence REAL)
        """,
        """
        CREATE INDEX attachments_by_sha256 ON attachments (sha256)
        """,
        """
        CREATE INDEX messages_awaiting_check ON messages (id) WHERE checked_at IS NULL
        """,
        """
        CREATE TABLE office_campaigns (
            id TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            origin TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        )
        """,
        """
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
        )
        """,
        """
        CREATE TABLE office_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE mail_texts (
            name TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            updated_at DATETIME NOT NULL,
            updated_by TEXT NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX outbox_announcement_once ON outbox (campaign_id, unit_code) WHERE kind = 'announcement'
        """,
    ]
}
