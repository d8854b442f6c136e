"""Data sharing and open data (政务数据共享条例; GB/T 21063): the resource catalogue, the base registers, share
requests and their grants, the signed exchange log, and the open-data portal with its CKAN-compatible API."""
