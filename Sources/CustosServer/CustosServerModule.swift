/// The CustosServer module.
public enum CustosServerModule {}
