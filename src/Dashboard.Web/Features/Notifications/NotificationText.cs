namespace Dashboard.Web.Features.Notifications;

/// <summary>Text hygiene shared by every channel: one line per value, clipped to a length a channel accepts.</summary>
internal static class NotificationText
{
    /// <summary>Control characters (CR, LF, tab, ...) become spaces and the value is clipped with an ellipsis.</summary>
    public static string OneLine(string? value, int max)
    {
        var text = new string([.. (value ?? "").Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    public static string Change(Data.FindingChange change) => change == Data.FindingChange.Regressed ? "regressed" : "new";
}
