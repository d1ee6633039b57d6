from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre recruitment KIND …'; 'cadre recruitment --help' lists the kinds."
    prefix = "recruitment"
