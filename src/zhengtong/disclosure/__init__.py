"""Information disclosure (政务公开, 政府信息公开条例 2019): the reviewed document library and its public catalogue."""
