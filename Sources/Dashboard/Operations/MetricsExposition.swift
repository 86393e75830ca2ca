import Foundation
import Store

/// `/metrics` in the Prometheus text exposition format (version 0.0.4). Totals come from
/// the store, so they survive restarts and never go down, as counters must; poll counts
/// are the process's own.
public enum MetricsExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(totals: StoreTotals, health: IntakeHealth, counters: RuntimeCounters, reviewWaiting: Int) -> String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP thidua_\(name) \(help)\n# TYPE thidua_\(name) \(type)\n"
            for sample in samples { out += "thidua_\(name)\(sample.labels) \(sample.value)\n" }
        }
        metric("messages_ingested_total", "counter", "Messages read from the mailbox and stored.", [("", "\(totals.messages)")])
        metric("attachments_total", "counter", "Attachments extracted from stored messages.", [("", "\(totals.attachments)")])
        metric("messages_unmatched", "gauge", "Stored messages not attributed to any unit.", [("", "\(totals.unmatched)")])
        metric(
            "messages_unparsable_total", "counter", "Stored messages that could not be parsed (kept for review).",
            [("", "\(totals.parseErrors)")])
        metric("review_waiting", "gauge", "Messages waiting for the officer's review.", [("", "\(reviewWaiting)")])
        metric(
            "acknowledgements_total", "counter", "Acknowledgements sent to schools, by result.",
            [
                ("{result=\"sent\"}", "\(totals.acknowledgementsSent)"), ("{result=\"failed\"}", "\(totals.acknowledgementsFailed)"),
            ])
        metric(
            "reminders_total", "counter", "Reminders to late units, by result (uncertain: the send was interrupted).",
            [
                ("{result=\"sent\"}", "\(totals.remindersSent)"), ("{result=\"failed\"}", "\(totals.remindersFailed)"),
                ("{result=\"uncertain\"}", "\(totals.remindersUncertain)"),
            ])
        metric(
            "replies_total", "counter", "Officer replies (rejections) mailed to schools, by result.",
            [
                ("{result=\"sent\"}", "\(totals.repliesSent)"), ("{result=\"failed\"}", "\(totals.repliesFailed)"),
            ])
        metric("polls_total", "counter", "Mailbox polls by this process.", [("", "\(counters.pollCount)")])
        metric("poll_errors_total", "counter", "Mailbox polls that failed, by this process.", [("", "\(counters.pollErrorCount)")])
        metric(
            "last_successful_poll_timestamp_seconds", "gauge", "Unix time of the last successful mailbox poll (0: never).",
            [("", health.lastPoll.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "0")])
        metric("polling_failing", "gauge", "1 while the mailbox cannot be read, else 0.", [("", health.failingSince == nil ? "0" : "1")])
        return out
    }
}
