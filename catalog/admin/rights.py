"""Usage rights in the admin: the verdict's badge, filters by cost and by
usability, leases and uses on a photo's page, the agreement on an agency's
page, rights set on many photos at once, and the monthly agency usage report."""

import csv

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from catalog.models import AgencyAgreement, Lease, RightsCategory, Usage
from catalog.rights import Cost, Verdict
from catalog.usage_report import CSV_HEADER, agency_usage, csv_rows, parse_month

from .display import CatalogMedia, admin_url, badge, link

# How each verdict is drawn: the badge's text and tone (catalog.css).
BADGE_TONES = {
    Cost.FREE: "free",
    Cost.CONDITIONAL: "conditional",
    Cost.PAY: "pay",
    Cost.OVERQUOTA: "pay",
}


def rights_badge(verdict: Verdict | None) -> str:
    """Free, conditional, pay, over quota, or not usable; the reasons on hover."""
    if verdict is None:
        return ""
    if verdict.usable:
        text, tone = Cost(verdict.cost).label, BADGE_TONES[verdict.cost]
    else:
        text, tone = "Not usable", "warning"
    reasons = " ".join(verdict.reasons)
    return format_html(
        '<span class="catalog-rights" title="{}">{}</span>', reasons, badge(text, tone)
    )


class CostFilter(admin.SimpleListFilter):
    title = "cost now"
    parameter_name = "cost"

    def lookups(self, request, model_admin):
        return Cost.choices

    def queryset(self, request, queryset):
        if self.value() in Cost.values:
            return queryset.costing(self.value())
        return queryset


class UsableFilter(admin.SimpleListFilter):
    title = "usable now"
    parameter_name = "usable"

    def lookups(self, request, model_admin):
        return [("yes", "Usable"), ("no", "Not usable")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.usable(usable=self.value() == "yes")
        return queryset


class LeaseInline(admin.TabularInline):
    """Allow or deny the use of the photo for a time."""

    model = Lease
    fields = ("access", "starts_at", "ends_at", "note", "created_by")
    readonly_fields = ("created_by",)
    extra = 0
    formfield_overrides = {
        Lease._meta.get_field("note").__class__: {"widget": forms.TextInput(attrs={"size": 40})}
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


class UsageInline(admin.TabularInline):
    """Where the photo ran: the uses imports recorded, and those editors add."""

    model = Usage
    fields = ("used_at", "platform", "where", "article", "slideshow")
    readonly_fields = ("article", "slideshow")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "slideshow")


class AgreementInline(admin.StackedInline):
    """The newsroom's terms with the agency (an agency without one is paid per use)."""

    model = AgencyAgreement
    fk_name = "agency"
    fields = ("terms", "monthly_quota", "excluded_collections", "note")
    autocomplete_fields = ("excluded_collections",)
    max_num = 1
    extra = 0
    verbose_name = "agreement"
    verbose_name_plural = "agreement"


class SetRightsForm(forms.Form):
    rights_category = forms.ChoiceField(label="Rights category", choices=RightsCategory.choices)
    rights_restrictions = forms.CharField(
        label="Restrictions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Replaces the restrictions of every photo selected; empty removes them.",
    )
    rights_licence = forms.CharField(
        label="Licence", required=False, max_length=50, help_text="For Creative Commons."
    )

    def clean(self):
        cleaned_data = super().clean()
        category = cleaned_data.get("rights_category")
        if category == RightsCategory.CREATIVE_COMMONS and not cleaned_data.get("rights_licence"):
            self.add_error(
                "rights_licence",
                ValidationError("A Creative Commons photo names its licence.", code="no_licence"),
            )
        if category != RightsCategory.CREATIVE_COMMONS:
            cleaned_data["rights_licence"] = ""
        return cleaned_data


@admin.action(description="Set usage rights…", permissions=["change"])
def set_rights(modeladmin, request, queryset):
    """Ask for the rights, then set them on every photo selected."""
    form = SetRightsForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        changed = queryset.update(**form.cleaned_data, updated_at=timezone.now())
        label = RightsCategory(form.cleaned_data["rights_category"]).label
        modeladmin.message_user(
            request,
            f"Set the rights of {changed} photo{'s' if changed != 1 else ''} to {label}.",
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Set usage rights",
        "opts": modeladmin.opts,
        "photos": list(queryset.with_credit()[:100]),
        "count": queryset.count(),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "select_across": request.POST.get("select_across", "0"),
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/catalog/photo/set_rights.html", context)


class MonthForm(forms.Form):
    month = forms.CharField(widget=forms.TextInput(attrs={"type": "month"}))

    def clean_month(self):
        try:
            return parse_month(self.cleaned_data["month"])
        except ValueError as error:
            raise ValidationError(str(error), code="month") from error


@admin.register(Usage)
class UsageAdmin(CatalogMedia, admin.ModelAdmin):
    """Every use of a photo, and the monthly report to the agencies."""

    list_display = ("used_at", "photo_link", "platform", "place")
    list_filter = ("platform",)
    list_select_related = (
        "photo__photographer",
        "photo__agency",
        "photo__distributor",
        "article",
        "slideshow",
    )
    date_hierarchy = "used_at"
    show_full_result_count = False
    ordering = ("-used_at", "-id")
    autocomplete_fields = ("photo",)
    fields = ("photo", "used_at", "platform", "where", "article", "slideshow")
    readonly_fields = ("article", "slideshow")
    change_list_template = "admin/catalog/usage/change_list.html"

    @admin.display(description="photo")
    def photo_link(self, use):
        return link(admin_url(use.photo), str(use.photo))

    @admin.display(description="where")
    def place(self, use):
        return use.place

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [path("report/", report, name="catalog_usage_report"), *super().get_urls()]

    def report_view(self, request):
        """The agency usage report of a month, as a table or as CSV (`format=csv`)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        form = MonthForm(request.GET or {"month": f"{now:%Y-%m}"})
        report = agency_usage(form.cleaned_data["month"]) if form.is_valid() else None
        if report is not None and request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="agency-usage-{report["month"]}.csv"'
            )
            writer = csv.writer(response)
            writer.writerow(CSV_HEADER)
            writer.writerows(csv_rows(report))
            return response
        context = {
            **self.admin_site.each_context(request),
            "title": "Agency usage report",
            "opts": self.opts,
            "form": form,
            "report": report,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/catalog/usage/report.html", context)
