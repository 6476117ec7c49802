"""DVCQ — tracking the provincial plan for Directive 05-CT/TU (Ninh Bình)."""
