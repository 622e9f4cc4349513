"""`{% cached_body key %}…{% endcached_body %}`: the enclosed template drawn once per key
(indicators.page_cache). A key of None draws it every time. Unlike Django's `{% cache %}`, the
key is computed by the view, where the data version and the open transaction are known; the
view hands the expensive context over lazily, so a hit runs none of its queries."""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from indicators import page_cache

register = template.Library()


class CachedBodyNode(template.Node):
    def __init__(self, nodelist: NodeList, key: FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: Context) -> SafeString:
        key = self.key.resolve(context)
        if key is None:
            return mark_safe(self.nodelist.render(context))
        html = page_cache.cached(key)
        if html is None:
            html = self.nodelist.render(context)
            page_cache.keep(key, html)
        return mark_safe(html)


@register.tag("cached_body")
def cached_body(parser: Parser, token: Token) -> CachedBodyNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cached_body key %} takes one argument")
    nodelist = parser.parse(("endcached_body",))
    parser.delete_first_token()
    return CachedBodyNode(nodelist, parser.compile_filter(bits[1]))
