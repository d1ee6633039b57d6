from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre export KIND …'; 'cadre export --help' lists the kinds."
    prefix = "export"
