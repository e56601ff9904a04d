/// The CustosImport module.
public enum CustosImportModule {}
