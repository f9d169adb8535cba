"""Photographers and agencies: credits at a glance, aliases, merging duplicates."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from catalog import exports
from catalog.models import Agency, AgencyAlias, Photo, Photographer, PhotographerAlias
from catalog.permissions import WriteNotAllowed, require
from catalog.services import (
    AGENCY_MERGE_NEEDS,
    PHOTOGRAPHER_MERGE_NEEDS,
    MergeError,
    merge_agencies,
    merge_photographers,
)

from .display import CatalogMedia, admin_url, changelist_url, link
from .exports import ExportAdmin
from .history import HistoryAdmin
from .photos import photographer_photos_url
from .rights import AgreementInline
from .search import BoundedSearch


def photo_count(count: int) -> str:
    """ "1 photo", "2 photos"."""
    return ngettext("%(count)d photo", "%(count)d photos", count) % {"count": count}


# How many of a photographer's photos their page lists before linking to the rest.
RECENT_PHOTOS = 20


class AliasFormSet(BaseInlineFormSet):
    """Keeps the record's own name among its aliases, as the model expects."""

    def clean(self):
        super().clean()
        name = (self.instance.name or "").strip().lower()
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            was = (form.initial.get("name") or "").strip().lower()
            now = (form.cleaned_data.get("name") or "").strip().lower()
            if was == name and (form in self.deleted_forms or now != name):
                raise ValidationError(
                    "The name %(name)s is always kept as an alias; rename the record instead.",
                    code="name_alias_required",
                    params={"name": self.instance.name},
                )
            if not form.instance.pk and now == name and form not in self.deleted_forms:
                raise ValidationError(
                    "%(name)s is the name itself; it is kept as an alias already.",
                    code="alias_is_name",
                    params={"name": self.instance.name},
                )


class AliasInline(admin.TabularInline):
    formset = AliasFormSet
    fields = ("name",)
    extra = 1


class PhotographerAliasInline(AliasInline):
    model = PhotographerAlias


class AgencyAliasInline(AliasInline):
    model = AgencyAlias


class MergeForm(forms.Form):
    survivor = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Keep",
        error_messages={"required": "Choose the record to keep."},
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [
            (party.pk, f"{party.name} ({photo_count(party.photo_count)})") for party in parties
        ]


class PartyAdmin(HistoryAdmin, BoundedSearch, CatalogMedia, admin.ModelAdmin):
    """What photographers and agencies share: names, aliases, photo counts, merging."""

    merge = None  # the service merging duplicates into a survivor
    merge_needs = {}  # the permissions it takes (catalog.services)
    credit_filter = None  # the Photo lookup that lists a record's photos

    list_display = ("name", "photo_count")
    ordering = ("name",)
    search_fields = ("name", "aliases__name")
    readonly_fields = ("slug", "photo_count")
    show_full_result_count = False
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_photo_count()

    def photos_url(self, party) -> str:
        return changelist_url(Photo, **{self.credit_filter: party.pk})

    @admin.display(description="photos", ordering="photo_count")
    def photo_count(self, party):
        return link(self.photos_url(party), party.photo_count)

    @admin.action(
        description="Merge selected %(verbose_name_plural)s into one…",
        permissions=["change", "delete"],
    )
    def merge_selected(self, request, queryset):
        try:  # before asking which to keep; the service checks again
            require(request.user, self.merge_needs, doing=f"merge {self.opts.verbose_name_plural}")
        except WriteNotAllowed as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        parties = list(queryset.order_by("name"))
        if len(parties) < 2:
            self.message_user(
                request,
                f"Select at least two {self.opts.verbose_name_plural} to merge.",
                messages.WARNING,
            )
            return None
        form = MergeForm(request.POST if "confirm" in request.POST else None, parties=parties)
        if form.is_valid():
            chosen = form.cleaned_data["survivor"]
            survivor = next(party for party in parties if party.pk == chosen)
            duplicates = [party for party in parties if party.pk != chosen]
            try:
                merged = self.merge(survivor=survivor, duplicates=duplicates, user=request.user)
            except (MergeError, WriteNotAllowed) as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                format_html(
                    "Merged {} into {}: their credits and names are now its own.",
                    ", ".join(party.name for party in duplicates),
                    link(admin_url(survivor), survivor.name),
                ),
                messages.SUCCESS,
            )
            self.log_change(request, survivor, f"Merged {merged} duplicate(s) into it.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "parties": parties,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/catalog/merge_confirmation.html", context)


@admin.register(Photographer)
class PhotographerAdmin(ExportAdmin, PartyAdmin):
    merge = staticmethod(merge_photographers)
    merge_needs = PHOTOGRAPHER_MERGE_NEEDS
    credit_filter = "photographer__id__exact"
    list_display = ("name", "photo_count", "agency_list")
    inlines = [PhotographerAliasInline]
    readonly_fields = ("slug", "photo_count", "agency_list", "recent_photos")
    fields = ("name", "slug", "photo_count", "agency_list", "recent_photos")
    actions = [*PartyAdmin.actions, "export_csv", "export_jsonl"]
    export = exports.PHOTOGRAPHERS
    change_list_template = "admin/catalog/export_change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_agencies()

    @admin.display(description="agencies")
    def agency_list(self, photographer):
        return format_html_join(
            ", ",
            "{} ({})",
            (
                (
                    link(
                        changelist_url(
                            Photo,
                            photographer__id__exact=photographer.pk,
                            agency__id__exact=agency.pk,
                        ),
                        agency.name,
                    ),
                    agency.credited,
                )
                for agency in photographer.agencies
            ),
        )

    @admin.display(description="latest photos")
    def recent_photos(self, photographer):
        photos = Photo.objects.with_credit().filter(photographer=photographer).order_by("-pk")
        shown = photos[:RECENT_PHOTOS]
        items = format_html_join(
            "", "<li>{}</li>", ((link(admin_url(photo), str(photo)),) for photo in shown)
        )
        every = link(
            photographer_photos_url(photographer.pk),
            f"All {photo_count(photographer.photo_count)} by {photographer.name}",
        )
        return format_html('<ul class="catalog-list">{}</ul><p>{}</p>', items, every)


@admin.register(Agency)
class AgencyAdmin(PartyAdmin):
    merge = staticmethod(merge_agencies)
    merge_needs = AGENCY_MERGE_NEEDS
    credit_filter = "agency__id__exact"
    inlines = [AgencyAliasInline, AgreementInline]
    fields = ("name", "slug", "photo_count")
