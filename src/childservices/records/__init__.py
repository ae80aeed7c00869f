"""Record files in the seed format: the tables, and reading them into records."""

from childservices.records.read import read_files, read_seed_folder, seed_files
from childservices.records.tables import TABLES, Table

__all__ = ["TABLES", "Table", "read_files", "read_seed_folder", "seed_files"]
