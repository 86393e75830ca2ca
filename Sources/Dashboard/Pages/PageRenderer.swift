import Hummingbird
import Mustache

/// Renders the dashboard's pages. The templates are compiled into the binary, so a
/// deployment is the one executable — no template directory to lose — and every value
/// goes through Mustache's HTML escaping (`{{…}}`). The one `{{{…}}}` is the unit table's
/// rows, built by `HTMLWriter`, which escapes every value itself.
struct PageRenderer: Sendable {
    enum Template: String, CaseIterable, Sendable {
        case login, overview, units, unit, review, outgoing, health, error, campaignForm, roster, rosterPreview, rosterUnit, announce,
            mailTexts, mailTextEditor, accounts

        var source: String {
            switch self {
            case .login: LoginPage.template
            case .overview: OverviewPage.template
            case .units: UnitTablePage.template
            case .unit: UnitPage.template
            case .review: ReviewPage.template
            case .outgoing: OutgoingPage.template
            case .health: HealthPage.template
            case .error: ErrorPage.template
            case .campaignForm: CampaignFormPage.template
            case .roster: RosterPage.template
            case .rosterPreview: RosterPreviewPage.template
            case .rosterUnit: RosterUnitPage.template
            case .announce: AnnouncePage.template
            case .mailTexts: MailTextsPage.template
            case .mailTextEditor: MailTextEditorPage.template
            case .accounts: AccountsPage.template
            }
        }
    }

    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        try library.register(PageChrome.header, named: "header")
        try library.register(PageChrome.footer, named: "footer")
        for template in Template.allCases {
            try library.register(template.source, named: template.rawValue)
        }
        self.library = library
    }

    func render(_ template: Template, _ view: Any) -> String {
        library.render(view, withTemplate: template.rawValue) ?? ""
    }

    func response(_ template: Template, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: render(template, view))))
    }
}
