import Hummingbird

struct PortalPages {
    let services: PortalServices
    func register(on router: Router<PortalContext>) {}
}
