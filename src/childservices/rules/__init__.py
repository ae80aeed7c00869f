"""Rules over the records: pure functions that answer questions about them."""
