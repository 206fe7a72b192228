from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryEntry


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "openquote"
    list_display = ["english", "french", "english_variants", "french_variants"]
    search_fields = ["english", "french"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(GlossaryViewSet)
