import Foundation
import Intake
import MIME
import Store

/// The officer's status page in Vietnamese: per campaign, who has sent and who has not.
///
/// A self-contained HTML file (no scripts, no external fonts or CDN) that the daemon
/// rewrites after every poll, so it opens from the data directory in any browser even on
/// an office network without internet.
public enum StatusPage {
    public static let fileName = "trang-thai.html"

    public static func render(reports: [StatusReport], office: OfficeProfile, generatedAt: Date) -> String {
        var html = """
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Tình hình nộp hồ sơ — \(escape(office.name))</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:1rem;color:#1b1b1b}
            h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
            .summary span{display:inline-block;margin:0 1rem .5rem 0;padding:.3rem .6rem;border-radius:.3rem;background:#eef}
            progress{width:100%;max-width:40rem;height:1.2rem}
            table{border-collapse:collapse;width:100%;max-width:60rem}
            th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
            .pending{color:#a40000;font-weight:600}.late{color:#b36b00}.needs_review{color:#7a4dbf}
            .received{color:#1d6b1d}.excused,.rejected{color:#555}
            small{color:#666}
            </style></head><body>
            <h1>\(escape(office.name))</h1>
            <p><small>Cập nhật lúc \(office.formatDateTime(generatedAt)) (giờ Việt Nam).</small></p>

            """
        for report in reports {
            let done = report.summary.done
            html += """
                <h2>\(escape(report.campaign.title))</h2>
                <p>Hạn nộp: <strong>\(office.formatDateTime(report.campaign.deadline))</strong></p>
                <p><progress max="\(max(report.summary.total, 1))" value="\(done)"></progress><br>
                Đã nộp \(done)/\(report.summary.total) đơn vị</p>
                <p class="summary"><span>Đã nộp: \(report.summary.received)</span><span>Nộp muộn: \(report.summary.late)</span>\
                <span>Chưa nộp: \(report.summary.pending)</span><span>Cần xem lại: \(report.summary.awaitingReview)</span>\
                <span>Không đạt: \(report.summary.rejected)</span><span>Được miễn: \(report.summary.excused)</span></p>
                <table><thead><tr><th>Mã</th><th>Đơn vị</th><th>Trạng thái</th><th>Thời điểm nhận</th><th>Tệp</th></tr></thead><tbody>

                """
            for unit in report.units {
                let files = unit.attachments.map { escape($0.filename) }.joined(separator: "<br>")
                html +=
                    "<tr><td>\(escape(unit.code))</td><td>\(escape(unit.name))</td>"
                    + "<td class=\"\(unit.status.rawValue)\">\(unit.status.label)\(unit.note.map { "<br><small>\(escape($0))</small>" } ?? "")</td>"
                    + "<td>\(unit.receivedAt.map(office.formatDateTime) ?? "")</td><td>\(files)</td></tr>\n"
            }
            html += "</tbody></table>\n"
            html +=
                "<p><small>Hộp thư: \(report.intake.messages) thư đã lưu, \(report.intake.unmatched) thư chưa xác định đơn vị.</small></p>\n"
        }
        html += "</body></html>\n"
        return html
    }

    static func escape(_ text: String) -> String { TextToHTML.escape(text) }
}
