"""takeaway"""
