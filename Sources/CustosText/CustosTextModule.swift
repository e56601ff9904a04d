/// The CustosText module.
public enum CustosTextModule {}
