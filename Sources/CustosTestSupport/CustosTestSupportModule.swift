/// The CustosTestSupport module.
public enum CustosTestSupportModule {}
