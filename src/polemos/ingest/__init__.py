"""polemos.ingest"""
