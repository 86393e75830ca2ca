/// Which units a campaign asks: all of them, those of some levels (a report only primary
/// schools owe), or a hand-picked list.
public enum CampaignAudience: Sendable, Hashable, Codable {
    case all
    /// Levels as the roster writes them (MN, TH, THCS), upper-cased.
    case levels(Set<String>)
    /// Unit codes, upper-cased.
    case units(Set<String>)

    public func includes(_ unit: SchoolUnit) -> Bool {
        switch self {
        case .all: true
        case .levels(let levels): levels.contains(unit.level.uppercased())
        case .units(let codes): codes.contains(unit.code.uppercased())
        }
    }

    /// How the officer reads it, in Vietnamese.
    public var vietnameseLabel: String {
        switch self {
        case .all: "tất cả đơn vị"
        case .levels(let levels): "các đơn vị cấp " + levels.sorted().joined(separator: ", ")
        case .units(let codes): "\(codes.count) đơn vị được chọn"
        }
    }
}

extension Roster {
    /// The units `campaign` asks, in roster order: the ones its tally, reminders and
    /// tables count.
    public func asked(by campaign: Campaign) -> Roster {
        campaign.audience == .all ? self : filtered { campaign.audience.includes($0) }
    }
}
