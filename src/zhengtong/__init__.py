"""政通 zhengtong: an e-government platform for a Chinese city or district."""

__version__ = "0.1.0"
