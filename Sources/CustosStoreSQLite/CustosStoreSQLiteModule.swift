/// The CustosStoreSQLite module.
public enum CustosStoreSQLiteModule {}
