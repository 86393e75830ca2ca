/// What the officer sees when something cannot be shown: what happened and what to do.
struct ErrorPage: Sendable {
    var page: PageChrome
    var message: String

    static let template = """
        {{> header}}
        <h1>{{page.title}}</h1>
        <p>{{message}}</p>
        <p><a href="/">Về trang tổng quan</a></p>
        {{> footer}}
        """
}
