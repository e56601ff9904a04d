/// The CustosScreening module.
public enum CustosScreeningModule {}
