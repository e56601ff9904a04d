/// The CustosCharts module.
public enum CustosChartsModule {}
