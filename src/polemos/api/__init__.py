"""polemos.api"""
