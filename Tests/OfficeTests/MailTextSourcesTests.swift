import Foundation
import Intake
import Store
import Testing

@testable import Office

/// Where the wording of the office's mail comes from, and the editor's preview of it: the
/// officer's own text wins over a templates folder, which wins over the built-in; a text
/// that would mail a blank is refused before it reaches a school.
struct MailTextSourcesTests {
    let now = TestOffice.date("2021-02-18T09:00:00+07:00")

    /// A templates folder of its own for each test, removed after.
    func withFolder(_ files: [MailText: String], _ body: (String, DataStore) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-texts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (text, content) in files {
            try Data(content.utf8).write(to: folder.appendingPathComponent(text.fileName))
        }
        try body(folder.path, try DataStore(inMemoryWithFilesIn: root.appendingPathComponent("data")))
    }

    /// What the announcement texts are filled from, for TH02.
    let context: [String: Any] = [
        "office_name": "Phòng GDĐT quận Ba Đình", "office_email": "thidua@pgd.example", "unit_name": "Trường Tiểu học Thành Công",
        "unit_code": "TH02", "campaign_title": "Kế hoạch thi đua khen thưởng năm 2021", "opens": "08/02/2021",
        "deadline": "21/02/2021 23:59", "deadline_date": "21/02/2021", "has_attachment": false, "attachment_name": "",
    ]

    // MARK: - Precedence

    @Test func theOfficersTextWinsOverTheFolderWhichWinsOverTheBuiltIn() throws {
        let files: [MailText: String] = [
            .announcementSubject: "{{%CONTENT_TYPE: TEXT}}[Phòng GDĐT] {{campaign_title}}",
            .announcementBody: "Kính gửi {{unit_name}} (từ tệp).",
        ]
        try withFolder(files) { folder, store in
            try store.setMailText(
                name: MailText.announcementBody.rawValue, body: "Thân gửi {{unit_name}}, hạn {{deadline_date}}.", actor: "officer:canbo",
                at: now)
            let stored = try store.mailTexts()
            let (texts, skipped) = try MailTextSources.load(directory: folder, stored: stored)
            #expect(skipped.isEmpty)
            #expect(texts.render(.announcementSubject, context) == "[Phòng GDĐT] Kế hoạch thi đua khen thưởng năm 2021")
            #expect(texts.render(.announcementBody, context) == "Thân gửi Trường Tiểu học Thành Công, hạn 21/02/2021.")
            #expect(texts.render(.reminderBody, context) == MailTexts.builtIn.render(.reminderBody, context))

            // The editor is told where each comes from; a file's pragma is not shown.
            let subject = MailTextSources.current(.announcementSubject, directory: folder, stored: stored)
            #expect(subject.0 == .file && subject.1 == "[Phòng GDĐT] {{campaign_title}}")
            let body = MailTextSources.current(.announcementBody, directory: folder, stored: stored)
            #expect(body.0 == .officer && body.1 == "Thân gửi {{unit_name}}, hạn {{deadline_date}}.")
            let reminder = MailTextSources.current(.reminderBody, directory: folder, stored: stored)
            #expect(reminder.0 == .builtIn && reminder.1 == MailText.reminderBody.defaultText)

            // Back to the folder's wording once the officer resets hers.
            try store.setMailText(name: MailText.announcementBody.rawValue, body: nil, actor: "officer:canbo", at: now)
            let reset = try MailTextSources.load(directory: folder, stored: try store.mailTexts()).texts
            #expect(reset.render(.announcementBody, context) == "Kính gửi Trường Tiểu học Thành Công (từ tệp).")
            #expect(MailTextSources.current(.announcementBody, directory: folder, stored: try store.mailTexts()).0 == .file)
        }
    }

    /// A typo in a file would mail every school a blank where its name should be: the
    /// start stops instead, naming the file to fix.
    @Test func aFolderFileWithAnUnknownPlaceholderStopsTheStartNamingTheFile() throws {
        try withFolder([.reminderBody: "Kính gửi {{ten_don_vi}},\n"]) { folder, _ in
            #expect {
                _ = try MailTextSources.load(directory: folder, stored: [:])
            } throws: { error in
                guard let error = error as? TemplateFileError else { return false }
                return error.path == (folder as NSString).appendingPathComponent("reminder.txt.mustache")
                    && error.message.contains("{{ten_don_vi}}") && error.description.hasPrefix(error.path + ": ")
            }
        }
    }

    @Test func aFolderFileThatDoesNotParseStopsTheStartToo() throws {
        try withFolder([.digestBody: "{{#received}}- {{unit_name}}\n"]) { folder, _ in
            #expect(throws: TemplateFileError.self) { _ = try MailTextSources.load(directory: folder, stored: [:]) }
        }
    }

    /// A later thidua may drop a placeholder an officer's stored text still names: the
    /// daemon still starts, on the default, and says which text it skipped.
    @Test func aStoredTextThatNoLongerChecksIsSkippedForTheDefault() throws {
        try withFolder([:]) { folder, store in
            try store.setMailText(name: MailText.reminderSubject.rawValue, body: "Nhắc {{ma_cu}}", actor: "officer:canbo", at: now)
            try store.setMailText(name: MailText.reminderBody.rawValue, body: "Kính gửi {{unit_name}}.", actor: "officer:canbo", at: now)
            try store.setMailText(name: "reminder.sms", body: "{{bat_ky}}", actor: "officer:canbo", at: now)
            let (texts, skipped) = try MailTextSources.load(directory: folder, stored: try store.mailTexts())
            #expect(skipped.map(\.text) == [.reminderSubject], "a name no thidua knows is ignored, not reported")
            #expect(skipped.first?.message.contains("{{ma_cu}}") == true)
            #expect(texts.render(.reminderSubject, context) == MailTexts.builtIn.render(.reminderSubject, context))
            #expect(texts.render(.reminderBody, context) == "Kính gửi Trường Tiểu học Thành Công.", "the other stored text stays")
        }
    }

    /// The texts page says where each text in force comes from: a stored text the daemon
    /// skipped is not the one the schools get, and the page should not say it is.
    @Test func theOriginOfASkippedStoredTextIsTheOneInForce() throws {
        try withFolder([:]) { folder, store in
            try store.setMailText(name: MailText.reminderSubject.rawValue, body: "Nhắc {{ma_cu}}", actor: "officer:canbo", at: now)
            let stored = try store.mailTexts()
            let (texts, skipped) = try MailTextSources.load(directory: folder, stored: stored)
            #expect(skipped.count == 1)
            #expect(texts.render(.reminderSubject, context) == MailTexts.builtIn.render(.reminderSubject, context))
            let current = MailTextSources.current(.reminderSubject, directory: folder, stored: stored)
            #expect(current.0 == .builtIn)
        }
    }

    @Test func aSkippedStoredTextFallsBackToTheFolderFile() throws {
        try withFolder([.reminderSubject: "[Nhắc] {{campaign_title}}"]) { folder, store in
            try store.setMailText(name: MailText.reminderSubject.rawValue, body: "Nhắc {{ma_cu}}", actor: "officer:canbo", at: now)
            let (texts, skipped) = try MailTextSources.load(directory: folder, stored: try store.mailTexts())
            #expect(skipped.count == 1)
            #expect(texts.render(.reminderSubject, context) == "[Nhắc] Kế hoạch thi đua khen thưởng năm 2021")
        }
    }

    @Test(arguments: [nil, "/nonexistent/thidua/templates"] as [String?])
    func noFolderMeansTheBuiltInTexts(directory: String?) throws {
        let (texts, skipped) = try MailTextSources.load(directory: directory, stored: [:])
        #expect(skipped.isEmpty)
        for text in MailText.allCases {
            #expect(texts.render(text, context) == MailTexts.builtIn.render(text, context))
            let current = MailTextSources.current(text, directory: directory, stored: [:])
            #expect(current.0 == .builtIn && current.1 == text.defaultText)
        }
    }

    /// The folder shipped in config/ is what older installs still point at: it must load.
    @Test func theShippedTemplatesFolderLoads() throws {
        let (texts, skipped) = try MailTextSources.load(directory: TestOffice.templates, stored: [:])
        #expect(skipped.isEmpty)
        #expect(texts.render(.reminderSubject, context).hasPrefix("[Nhắc nộp hồ sơ] Kế hoạch thi đua khen thưởng năm 2021"))
        #expect(MailTextSources.current(.reminderSubject, directory: TestOffice.templates, stored: [:]).0 == .file)
    }

    // MARK: - The editor's preview

    let unit = TestOffice.roster.unit(code: "TH02")!

    func preview(_ text: MailText, _ body: String, setup: OfficeSetup = TestOffice.setup) throws -> (subject: String, text: String) {
        try MailTextPreview.render(text, body: body, setup: setup, unit: unit, campaign: TestOffice.campaign, now: now)
    }

    @Test(arguments: MailText.allCases)
    func everyTextPreviewsForARealUnit(text: MailText) throws {
        let rendered = try preview(text, text.defaultText)
        #expect(!rendered.subject.isEmpty && !rendered.text.isEmpty)
        #expect(!rendered.subject.contains("\n"), "a subject is one line")
        let half = text.isSubject ? rendered.subject : rendered.text
        #expect(!half.contains("{{") && !half.contains("}}"))
        if text.defaultText.contains("{{unit_name}}") {
            #expect(half.contains("Trường Tiểu học Thành Công"))
        }
        // Her own wording, where the text names the unit: it is the preview's.
        if text.placeholders.contains(where: { $0.name == "unit_name" }), !text.rawValue.hasPrefix("digest") {
            let mine = try preview(text, "{{unit_code}} · {{unit_name}} — " + text.defaultText)
            #expect((text.isSubject ? mine.subject : mine.text).hasPrefix("TH02 · Trường Tiểu học Thành Công — "))
        }
    }

    @Test(arguments: MailText.allCases)
    func anUnknownPlaceholderIsRefused(text: MailText) throws {
        #expect {
            _ = try preview(text, "Kính gửi {{ten_don_vi}},")
        } throws: { error in
            guard let problem = error as? MailTextProblem else { return false }
            return problem.text == text && problem.vietnamese.hasPrefix("Không có ô {{ten_don_vi}}.")
        }
    }

    /// The other half of the pair is shown as the office words it now, not as built in.
    @Test func theOtherHalfIsTheOfficesCurrentWording() throws {
        var setup = TestOffice.setup
        setup.texts = try MailTexts(replacements: [.announcementSubject: "[{{unit_code}}] Thông báo {{campaign_title}}"])
        let rendered = try preview(.announcementBody, "Kính gửi {{unit_name}}.", setup: setup)
        #expect(rendered.subject == "[TH02] Thông báo Kế hoạch thi đua khen thưởng năm 2021")
        #expect(rendered.text == "Kính gửi Trường Tiểu học Thành Công.")
    }
}
