from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre import KIND …'; 'cadre import --help' lists the kinds."
    prefix = "import"
