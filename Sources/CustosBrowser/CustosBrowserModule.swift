/// The CustosBrowser module.
public enum CustosBrowserModule {}
