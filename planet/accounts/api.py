"""Public profiles in the JSON API. Each group of fields (about, location, interests) is
given only when its owner shows it to the caller, by the same rule as the profile page
(Profile.visible_groups); otherwise the group is null."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from planet.accounts.models import Profile
from planet.lib.api import ERRORS, PageParams, page_schema, paginate

router = Router(tags=["people"])


class AboutOut(Schema):
    bio: str
    avatar: str | None = Field(description="Absolute URL of the picture, if any.")


class ProfileLocationOut(Schema):
    country: str
    city: str


class InterestsOut(Schema):
    languages: list[str]
    skills: list[str]
    sdgs: list[int] = Field(description="Numbers of the SDGs of interest.")


class ProfileOut(Schema):
    handle: str
    url: str = Field(description="The profile's page on the site.")
    display_name: str
    about: AboutOut | None = Field(description="Null unless the owner shows it to you.")
    location: ProfileLocationOut | None = Field(
        description="Null unless the owner shows it to you."
    )
    interests: InterestsOut | None = Field(description="Null unless the owner shows it to you.")

    @staticmethod
    def resolve_url(profile, context) -> str:
        return context["request"].build_absolute_uri(profile.get_absolute_url())

    @staticmethod
    def resolve_about(profile, context):
        request = context["request"]
        if "about" not in profile.visible_groups(request.auth):
            return None
        avatar = request.build_absolute_uri(profile.avatar.url) if profile.avatar else None
        return {"bio": profile.bio, "avatar": avatar}

    @staticmethod
    def resolve_location(profile, context):
        if "location" not in profile.visible_groups(context["request"].auth):
            return None
        return {"country": profile.country.code or "", "city": profile.city}

    @staticmethod
    def resolve_interests(profile, context):
        if "interests" not in profile.visible_groups(context["request"].auth):
            return None
        return {
            "languages": profile.languages,
            "skills": profile.skills,
            "sdgs": [goal.number for goal in profile.sdgs.all()],
        }


def profiles_for(user):
    return Profile.objects.visible_to(user).prefetch_related("sdgs")


@router.get("/", response={200: page_schema(ProfileOut), **ERRORS})
def list_profiles(request, page: Query[PageParams]):
    """Public profiles of active members, by display name."""
    return paginate(request, profiles_for(request.auth), page, ordering=("display_name", "pk"))


@router.get("/{handle}/", response={200: ProfileOut, **ERRORS})
def profile_detail(request, handle: str):
    return get_object_or_404(profiles_for(request.auth), handle=handle)
