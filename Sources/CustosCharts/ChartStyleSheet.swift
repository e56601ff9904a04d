/// A stylesheet for pages that show charts; optional, since every chart draws correctly without it.
///
/// It caps a chart's width so text stays near body size on wide screens, right-aligns table numbers with
/// tabular digits, and recolours charts for a dark colour scheme (sky blue for single series, darker grid
/// lines and segment separators). Charts style themselves with presentation attributes, which any rule here
/// or in a page's own stylesheet overrides.
public enum ChartStyleSheet {
    /// The CSS text.
    public static let css = """
        .custos-chart{display:block;width:100%;max-width:28rem;height:auto;overflow:visible}
        .custos-chart-figure{margin:0 0 1.5rem}
        .custos-chart-figure figcaption{font-weight:600;margin-bottom:.5rem}
        .custos-chart-data summary{cursor:pointer}
        .custos-chart-table{border-collapse:collapse;margin-top:.5rem}
        .custos-chart-table caption{text-align:left;font-weight:600}
        .custos-chart-table th,.custos-chart-table td{padding:.25rem .75rem;border-bottom:1px solid #d9d9d9}
        .custos-chart-table th[scope=row]{text-align:left;font-weight:normal}
        .custos-chart-table td{text-align:right;font-variant-numeric:tabular-nums}
        @media (prefers-color-scheme:dark){
        .custos-chart .custos-chart-bar,.custos-chart .custos-chart-column,.custos-chart .custos-chart-area,
        .custos-chart .custos-chart-dot{fill:#56B4E9}
        .custos-chart .custos-chart-line{stroke:#56B4E9}
        .custos-chart .custos-chart-grid{stroke:#444444}
        .custos-chart .custos-chart-axis{stroke:#9A9A9A}
        .custos-chart .custos-chart-segment{stroke:#121212}
        .custos-chart .custos-chart-color-7{fill:#BBBBBB}
        .custos-chart-table th,.custos-chart-table td{border-bottom-color:#444444}
        }

        """
}
