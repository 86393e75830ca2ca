import Office
import Testing

@testable import Dashboard

/// The unit table's query survives the trip through a page address (links, exports).
struct UnitQueryAddressTests {
    @Test func theQueryRoundTripsThroughAPageAddress() {
        let query = UnitTable.Query(status: .late, level: "THCS", search: "ái mộ", sort: .received, descending: true)
        let address = FormData.queryString(query.parameters)
        #expect(UnitTable.Query(parameters: FormData(String(address.dropFirst())).all) == query)
        #expect(UnitTable.Query(parameters: ["status": "bogus", "sort": "nope"]) == UnitTable.Query())
    }
}
