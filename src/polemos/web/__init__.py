"""polemos.web"""
