"""polemos.store"""
