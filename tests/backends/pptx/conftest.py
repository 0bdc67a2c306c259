from pathlib import Path

import pytest
from pptx_support import png_file


@pytest.fixture
def image(tmp_path) -> Path:
    return png_file(tmp_path / "photo.png")
