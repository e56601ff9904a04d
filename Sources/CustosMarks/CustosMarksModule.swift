/// The CustosMarks module.
public enum CustosMarksModule {}
