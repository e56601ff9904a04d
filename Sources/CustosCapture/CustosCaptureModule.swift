/// Web capture into WARC/1.1 files for evidence deposit.
public enum CustosCaptureModule {}
