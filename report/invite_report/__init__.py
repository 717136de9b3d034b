"""invite-report: compliance report from invite-milter's decision log."""
VERSION = "0.1.0"
