/// The CustosSamples module.
public enum CustosSamplesModule {}
