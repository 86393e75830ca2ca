import Mustache

// Mustache finds a value by name through reflection unless the value answers for itself;
// reflection costs a scan of every field for every name looked up, which on a 500-row
// table was most of a request's time. Each view answers its template's names directly.

extension PageChrome: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "user": self.user
        case "csrf": self.csrf
        case "reviewBadge": self.reviewBadge
        case "notice": self.notice
        case "problem": self.problem
        case "canEdit": self.canEdit
        default: nil
        }
    }
}

extension LoginPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "next": self.next
        case "loginToken": self.loginToken
        case "user": self.user
        case "noUsers": self.noUsers
        default: nil
        }
    }
}

extension OverviewPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "office": self.office
        case "updated": self.updated
        case "cards": self.cards
        default: nil
        }
    }
}

extension OverviewPage.Card: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "deadline": self.deadline
        case "countdown": self.countdown
        case "overdue": self.overdue
        case "done": self.done
        case "total": self.total
        case "percent": self.percent
        case "received": self.received
        case "late": self.late
        case "pending": self.pending
        case "awaitingReview": self.awaitingReview
        case "senderUnconfirmed": self.senderUnconfirmed
        // Mustache renders a section for any number, 0 too: the chip needs a Bool.
        case "hasSenderUnconfirmed": self.senderUnconfirmed > 0
        case "rejected": self.rejected
        case "excused": self.excused
        case "closed": self.closed
        default: nil
        }
    }
}

extension UnitTablePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "campaignID": self.campaignID
        case "title": self.title
        case "deadline": self.deadline
        case "audience": self.audience
        case "closed": self.closed
        case "statuses": self.statuses
        case "levels": self.levels
        case "query": self.query
        case "sort": self.sort
        case "direction": self.direction
        case "columns": self.columns
        case "rowsHTML": self.rowsHTML
        case "empty": self.empty
        case "countLine": self.countLine
        case "exportQuery": self.exportQuery
        case "previousHref": self.previousHref
        case "nextHref": self.nextHref
        case "pageLabel": self.pageLabel
        default: nil
        }
    }
}

extension UnitTablePage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension UnitTablePage.Column: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "href": self.href
        case "sorted": self.sorted
        case "arrow": self.arrow
        default: nil
        }
    }
}

extension UnitPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "campaignID": self.campaignID
        case "campaignTitle": self.campaignTitle
        case "code": self.code
        case "name": self.name
        case "level": self.level
        case "emails": self.emails
        case "status": self.status
        case "statusLabel": self.statusLabel
        case "note": self.note
        case "canExcuse": self.canExcuse
        case "messages": self.messages
        case "sent": self.sent
        case "hasSent": self.hasSent
        case "history": self.history
        default: nil
        }
    }
}

extension UnitPage.File: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": self.href
        case "kind": self.kind
        case "size": self.size
        case "inline": self.inline
        case "previewImage": self.previewImage
        case "previewPDF": self.previewPDF
        case "check": self.check
        default: nil
        }
    }
}

extension CheckView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "verdict": self.verdict
        case "label": self.label
        case "detail": self.detail
        case "document": self.document
        case "hasThumbnail": self.hasThumbnail
        case "thumbnailHref": self.thumbnailHref
        case "box": self.box
        case "overruled": self.overruled
        case "sha": self.sha
        case "choices": self.choices
        case "hasChoices": !self.choices.isEmpty
        case "back": self.back
        default: nil
        }
    }
}

extension CheckView.Box: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": self.x
        case "y": self.y
        case "width": self.width
        case "height": self.height
        default: nil
        }
    }
}

extension CheckView.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension UnitPage.Message: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "receivedAt": self.receivedAt
        case "from": self.from
        case "subject": self.subject
        case "campaign": self.campaign
        case "statusLabel": self.statusLabel
        case "status": self.status
        case "problems": self.problems
        case "matchReason": self.matchReason
        case "files": self.files
        case "rawHref": self.rawHref
        case "senderUnconfirmed": self.senderUnconfirmed
        case "ignored": self.ignored
        case "hasIgnored": !self.ignored.isEmpty
        default: nil
        }
    }
}

extension UnitPage.IgnoredLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "reason": self.reason
        case "contentType": self.contentType
        case "size": self.size
        case "href": self.href
        default: nil
        }
    }
}

extension UnitPage.Sent: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "at": self.at
        case "kind": self.kind
        case "stage": self.stage
        case "recipients": self.recipients
        case "stateLabel": self.stateLabel
        case "failed": self.failed
        case "error": self.error
        default: nil
        }
    }
}

extension ReviewPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "items": self.items
        case "units": self.units
        default: nil
        }
    }
}

extension ReviewPage.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "receivedAt": self.receivedAt
        case "from": self.from
        case "subject": self.subject
        case "reason": self.reason
        case "unitLabel": self.unitLabel
        case "campaign": self.campaign
        case "files": self.files
        case "rawHref": self.rawHref
        case "canExcuse": self.canExcuse
        case "campaigns": self.campaigns
        default: nil
        }
    }
}

extension ReviewPage.UnitChoice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": self.code
        case "name": self.name
        default: nil
        }
    }
}

extension OutgoingPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "sent": self.sent
        case "failed": self.failed
        case "uncertain": self.uncertain
        case "sentToday": self.sentToday
        case "perDay": self.perDay
        case "rows": self.rows
        case "failures": self.failures
        case "hasFailures": self.hasFailures
        case "hasRows": self.hasRows
        default: nil
        }
    }
}

extension OutgoingPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "at": self.at
        case "campaign": self.campaign
        case "unit": self.unit
        case "unitHref": self.unitHref
        case "kind": self.kind
        case "stage": self.stage
        case "recipients": self.recipients
        case "stateLabel": self.stateLabel
        case "state": self.state
        case "error": self.error
        default: nil
        }
    }
}

extension HealthPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "healthy": self.healthy
        case "verdict": self.verdict
        case "lastPoll": self.lastPoll
        case "failingSince": self.failingSince
        case "lastError": self.lastError
        case "tokenExpiry": self.tokenExpiry
        case "sentToday": self.sentToday
        case "perDay": self.perDay
        case "sentLastMinute": self.sentLastMinute
        case "perMinute": self.perMinute
        case "messages": self.messages
        case "attachments": self.attachments
        case "parseErrors": self.parseErrors
        case "unmatched": self.unmatched
        default: nil
        }
    }
}

extension ErrorPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "message": self.message
        default: nil
        }
    }
}
