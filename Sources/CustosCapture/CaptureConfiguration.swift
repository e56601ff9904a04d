import Foundation

/// How a ``WebCapturer`` fetches and records a page.
public struct CaptureConfiguration: Sendable, Hashable {
    /// The Custos version, recorded in `warcinfo` and the user agent.
    public var custosVersion: String
    /// The `User-Agent` sent with every request.
    public var userAgent: String
    /// Whether to fetch the images, stylesheets, scripts and icons the page refers to.
    public var includesAssets: Bool
    /// The most assets fetched for one page; the rest are listed in metadata as skipped.
    public var maximumAssets: Int
    /// How many assets are fetched at the same time.
    public var concurrentAssetFetches: Int
    /// The most redirects followed from one URL.
    public var maximumRedirects: Int
    /// How long one exchange (connecting, sending and receiving) may take.
    public var timeout: Duration
    /// The largest response accepted, in bytes as received (head and body).
    public var maximumResponseSize: Int
    /// Whether to verify TLS certificates; evidence of a site with a broken certificate may need this off.
    public var verifiesCertificates: Bool
    /// Whether the capture may connect to loopback, private, link-local, CGNAT, multicast and other non-public
    /// addresses (see ``IPAddressScope``).
    ///
    /// Off by default, so that a server capturing on its users' behalf cannot be turned into a proxy into its own
    /// network (server-side request forgery). The `custos` command line turns it on: the operator runs it on their
    /// own machine and may capture an intranet page. With it off, no screenshot is taken, because the browser
    /// fetches on its own, outside the guard.
    public var allowsPrivateAddresses: Bool
    /// Whether to render the page with a headless browser and store the PNG.
    public var takesScreenshot: Bool
    /// The browser and its timeout for screenshots.
    public var screenshotTaker: ScreenshotTaker
    /// Fields the operator adds to `warcinfo`, such as `operator`, `description` or `isPartOf`.
    public var operatorFields: [WARCField]

    /// Creates a configuration with the defaults: no assets (up to 200 when enabled, 6 at a time), 10 redirects,
    /// 30 seconds per exchange, 100 MiB per response, certificates verified, private addresses refused, a screenshot
    /// when a browser is installed and private addresses are allowed.
    ///
    /// - Parameters:
    ///   - custosVersion: The Custos version, such as `1.2.0`.
    ///   - includesAssets: Whether to fetch the page's assets.
    public init(custosVersion: String, includesAssets: Bool = false) {
        self.custosVersion = custosVersion
        userAgent = "Custos/\(custosVersion) (evidence capture)"
        self.includesAssets = includesAssets
        maximumAssets = 200
        concurrentAssetFetches = 6
        maximumRedirects = 10
        timeout = .seconds(30)
        maximumResponseSize = 100 << 20
        verifiesCertificates = true
        allowsPrivateAddresses = false
        takesScreenshot = true
        screenshotTaker = ScreenshotTaker()
        operatorFields = []
    }
}
