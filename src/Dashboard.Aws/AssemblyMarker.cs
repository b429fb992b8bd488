namespace Dashboard.Aws;

/// <summary>Marks the collection assembly (used to find it by reflection).</summary>
public static class AssemblyMarker;
