// Renders media/icon.svg to the 128 px PNG the VS Code marketplace and the extension list show.
import sharp from 'sharp';

await sharp('media/icon.svg', { density: 144 }).resize(128, 128).png({ compressionLevel: 9 }).toFile('media/icon.png');
console.log('wrote media/icon.png');
