using System;
using System.Runtime.InteropServices;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>
/// Tells an existing device, pipe or socket (<c>/dev/null</c>, a FIFO, <c>/dev/stdout</c>) from a regular file: an output
/// path that is one is written to as it is, never replaced by a renamed temporary file.
/// </summary>
internal static partial class SpecialFiles
{
    private const int TypeMask = 0xF000; // S_IFMT
    private const int Regular = 0x8000; // S_IFREG
    private const int Directory = 0x4000; // S_IFDIR

    /// <summary>True when <paramref name="path"/> exists (links followed) and is neither a regular file nor a directory.</summary>
    public static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // .NET's own status call (System.Native, beside the runtime on every Unix): its FileStatus starts with
        // Flags (int32) and Mode (int32, st_mode with the file type bits); 256 bytes hold the whole struct.
        Span<byte> status = stackalloc byte[256];
        if (Stat(path, ref MemoryMarshal.GetReference(status)) != 0)
        {
            return false;
        }

        var type = MemoryMarshal.Read<int>(status[4..]) & TypeMask;
        return type is not (Regular or Directory);
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> as the file <paramref name="path"/>: beside it first and then moved over it, so a
    /// failure leaves the old file whole; a device or pipe (<see cref="IsSpecial"/>) is written to directly.
    /// </summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        if (IsSpecial(path))
        {
            using var target = new System.IO.FileStream(path, System.IO.FileMode.Open, System.IO.FileAccess.Write, System.IO.FileShare.ReadWrite);
            target.Write(bytes);
            return;
        }

        var temp = path + ".tmp";
        System.IO.File.WriteAllBytes(temp, bytes);
        System.IO.File.Move(temp, path, overwrite: true);
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte status);
}
